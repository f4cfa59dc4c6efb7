print("local build stub (not committed)")
