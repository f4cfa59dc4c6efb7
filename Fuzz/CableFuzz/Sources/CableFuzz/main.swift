#if canImport(Glibc)
import Glibc
#endif
import CFuzzerDriver

// Hands control to libFuzzer (flags and corpus directories come from the command line).
var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzOneInput(data, size) })
