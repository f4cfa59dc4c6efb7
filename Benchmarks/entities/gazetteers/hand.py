"""Hand-written gazetteer data (general geographic and institutional knowledge, written without
looking at the gold cables). make_gazetteers.py merges it with GeoNames data."""

# FIPS code -> extra names / aliases (the GeoNames name is kept too).
COUNTRY_ALIASES = {
    "US": ["United States of America", "U.S.", "U.S.A.", "USA", "US", "America"],
    "UK": ["Britain", "Great Britain", "U.K.", "UK"],
    "RS": ["Russian Federation"], "EZ": ["Czech Republic"], "KN": ["DPRK", "Democratic People's Republic of Korea"],
    "KS": ["Republic of Korea", "ROK", "Korea"], "CH": ["PRC", "People's Republic of China"],
    "TW": ["Republic of China"], "BM": ["Burma"], "IV": ["Cote d'Ivoire"], "CV": ["Cape Verde"],
    "CG": ["DRC", "Congo-Kinshasa", "DR Congo"], "CF": ["Congo-Brazzaville", "Congo"], "NL": ["Netherlands", "Holland"],
    "MK": ["Macedonia", "FYROM"], "BK": ["Bosnia", "Bosnia-Herzegovina", "BiH"], "WZ": ["Swaziland"], "TT": ["East Timor", "Timor-Leste"], "VT": ["Holy See", "Vatican City"],
    "WE": ["Palestinian Territories", "West Bank"], "AE": ["UAE", "Emirates"], "BX": ["Brunei Darussalam"],
    "LA": ["Lao PDR"], "SY": ["Syrian Arab Republic"], "IR": ["Islamic Republic of Iran"], "VM": ["Viet Nam"],
    "MD": ["Republic of Moldova"], "BO": ["Belarus"], "KG": ["Kyrgyz Republic", "Kirghizia"], "TI": ["Tadjikistan"],
    "DR": ["Dominican Rep."], "BF": ["The Bahamas"], "GA": ["The Gambia"],
}
# Extra FIPS-style codes seen in TAGS that GeoNames lacks or spells otherwise.
EXTRA_CODES = {"GZ": "Gaza Strip", "IS": "Israel", "WI": "Western Sahara", "PG": "Paracel Islands", "XA": "Africa",
               "XB": "Asia-Pacific", "XC": "East Asia", "XD": "Indian Ocean", "XE": "Eastern Europe", "XF": "Middle East",
               "XG": "Europe", "XH": "Central Europe", "XI": "South Asia", "XJ": "East Africa", "XK": "Latin America",
               "XL": "Caribbean", "XM": "Latin America", "XN": "North America", "XO": "Indian Ocean", "XP": "Pacific",
               "XQ": "Arctic", "XR": "Andean region", "XS": "South America", "XT": "Central Asia", "XU": "Southern Africa",
               "XV": "Central America", "XW": "West Africa", "XX": "Worldwide", "XY": "West Africa", "XZ": "Europe",
               "YI": "Serbia and Montenegro", "TX": "Turkmenistan", "KV": "Kosovo", "OD": "South Sudan"}

# Demonyms and adjectives: never locations on their own.
DEMONYMS = {
    "AF": "Afghan Afghans Afghani", "AL": "Albanian Albanians", "AG": "Algerian Algerians", "AO": "Angolan Angolans",
    "AR": "Argentine Argentines Argentinian Argentinians Argentinean", "AM": "Armenian Armenians",
    "AS": "Australian Australians Aussie", "AU": "Austrian Austrians", "AJ": "Azerbaijani Azerbaijanis Azeri Azeris",
    "BA": "Bahraini Bahrainis", "BG": "Bangladeshi Bangladeshis", "BO": "Belarusian Belarusians Belarussian",
    "BE": "Belgian Belgians", "BL": "Bolivian Bolivians", "BK": "Bosnian Bosnians", "BR": "Brazilian Brazilians",
    "BU": "Bulgarian Bulgarians", "BM": "Burmese", "CB": "Cambodian Cambodians", "CM": "Cameroonian Cameroonians",
    "CA": "Canadian Canadians", "CD": "Chadian Chadians", "CI": "Chilean Chileans", "CH": "Chinese",
    "CO": "Colombian Colombians", "CS": "Costa Rican Costa Ricans", "HR": "Croatian Croatians Croat Croats",
    "CU": "Cuban Cubans", "CY": "Cypriot Cypriots", "EZ": "Czech Czechs", "DA": "Danish Dane Danes",
    "DR": "Dominican Dominicans", "EC": "Ecuadorian Ecuadorians", "EG": "Egyptian Egyptians",
    "ES": "Salvadoran Salvadorans Salvadorean", "ER": "Eritrean Eritreans", "EN": "Estonian Estonians",
    "ET": "Ethiopian Ethiopians", "FI": "Finnish Finn Finns", "FR": "French Frenchman Frenchmen",
    "GG": "Georgian Georgians", "GM": "German Germans", "GH": "Ghanaian Ghanaians", "GR": "Greek Greeks",
    "GT": "Guatemalan Guatemalans", "HA": "Haitian Haitians", "HO": "Honduran Hondurans", "HU": "Hungarian Hungarians",
    "IC": "Icelandic Icelander Icelanders", "IN": "Indian Indians", "ID": "Indonesian Indonesians",
    "IR": "Iranian Iranians Persian Persians", "IZ": "Iraqi Iraqis", "EI": "Irish Irishman", "IS": "Israeli Israelis",
    "IT": "Italian Italians", "JM": "Jamaican Jamaicans", "JA": "Japanese", "JO": "Jordanian Jordanians",
    "KZ": "Kazakhstani Kazakhstanis Kazakh Kazakhs Kazak", "KE": "Kenyan Kenyans", "KN": "North Korean North Koreans",
    "KS": "South Korean South Koreans Korean Koreans", "KV": "Kosovar Kosovars Kosovan", "KU": "Kuwaiti Kuwaitis",
    "KG": "Kyrgyz Kyrgyzstani Kirghiz", "LA": "Lao Laotian Laotians", "LG": "Latvian Latvians", "LE": "Lebanese",
    "LI": "Liberian Liberians", "LY": "Libyan Libyans", "LH": "Lithuanian Lithuanians", "MK": "Macedonian Macedonians",
    "MY": "Malaysian Malaysians", "ML": "Malian Malians", "MR": "Mauritanian Mauritanians", "MX": "Mexican Mexicans",
    "MD": "Moldovan Moldovans", "MG": "Mongolian Mongolians Mongol Mongols", "MJ": "Montenegrin Montenegrins",
    "MO": "Moroccan Moroccans", "MZ": "Mozambican Mozambicans", "NP": "Nepali Nepalese", "NL": "Dutch Dutchman",
    "NZ": "New Zealander New Zealanders Kiwi", "NU": "Nicaraguan Nicaraguans", "NG": "Nigerien Nigeriens",
    "NI": "Nigerian Nigerians", "NO": "Norwegian Norwegians", "MU": "Omani Omanis", "PK": "Pakistani Pakistanis",
    "WE": "Palestinian Palestinians", "PM": "Panamanian Panamanians", "PA": "Paraguayan Paraguayans",
    "PE": "Peruvian Peruvians", "RP": "Filipino Filipinos Philippine", "PL": "Polish Pole Poles",
    "PO": "Portuguese", "QA": "Qatari Qataris", "RO": "Romanian Romanians", "RS": "Russian Russians",
    "RW": "Rwandan Rwandans", "SA": "Saudi Saudis", "SG": "Senegalese", "RI": "Serbian Serbians Serb Serbs",
    "SN": "Singaporean Singaporeans", "LO": "Slovak Slovaks Slovakian", "SI": "Slovenian Slovenians Slovene Slovenes",
    "SO": "Somali Somalis Somalian", "SF": "South African South Africans", "SP": "Spanish Spaniard Spaniards",
    "CE": "Sri Lankan Sri Lankans", "SU": "Sudanese", "SW": "Swedish Swede Swedes", "SZ": "Swiss",
    "SY": "Syrian Syrians", "TW": "Taiwanese", "TI": "Tajik Tajiks Tajikistani", "TZ": "Tanzanian Tanzanians",
    "TH": "Thai Thais", "TS": "Tunisian Tunisians", "TU": "Turkish Turk Turks", "TX": "Turkmen Turkmens",
    "UG": "Ugandan Ugandans", "UP": "Ukrainian Ukrainians", "AE": "Emirati Emiratis",
    "UK": "British Briton Britons English Scottish Scot Scots Welsh", "US": "American Americans",
    "UY": "Uruguayan Uruguayans", "UZ": "Uzbek Uzbeks Uzbekistani", "VE": "Venezuelan Venezuelans",
    "VM": "Vietnamese", "YM": "Yemeni Yemenis", "ZA": "Zambian Zambians", "ZI": "Zimbabwean Zimbabweans",
    "TD": "Trinidadian Trinidadians", "BB": "Barbadian Barbadians Bajan", "GJ": "Grenadian Grenadians",
    "CG": "Congolese", "SL": "Sierra Leonean Sierra Leoneans", "GV": "Guinean Guineans", "BC": "Motswana Batswana",
    "WA": "Namibian Namibians", "MA": "Malagasy", "MP": "Mauritian Mauritians", "DJ": "Djiboutian Djiboutians",
    "BN": "Beninese", "TO": "Togolese", "UV": "Burkinabe", "CT": "Central African", "OD": "South Sudanese",
    "CV": "Cape Verdean", "MT": "Maltese", "CY2": "Greek Cypriot Greek Cypriots Turkish Cypriot Turkish Cypriots",
}
# Ethnic and regional adjectives that are not countries' demonyms but are not places either.
OTHER_DEMONYMS = ("Arab Arabs Arabic Kurd Kurds Kurdish Pashtun Pashtuns Tajiks Uighur Uighurs Uyghur Uyghurs Chechen "
                  "Chechens Baloch Balochi Hazara Hazaras Shia Shiite Shiites Sunni Sunnis Alawite Druze Maronite "
                  "Christian Christians Muslim Muslims Jewish Jew Jews Hindu Hindus Sikh Buddhist Catholic Catholics "
                  "Orthodox Latin Latino European Europeans African Africans Asian Asians Western Westerners Eastern "
                  "Caucasian Balkan Scandinavian Nordic Baltic Slavic Persian Hispanic Bedouin Berber Berbers Tuareg "
                  "Basque Basques Catalan Catalans Galician Bavarian Flemish Walloon Andalusian Corsican Sicilian Tory Tories Shi'a Shia Shias Islam Islamic Christianity Judaism Hinduism Buddhism Koran Quran Sharia Roma Tamil Tamils Sinhalese Punjabi Sindhi Uzbeks Turkic Islamist Islamists Zionist Bolivarian "
                  "Soviet Soviets Yugoslav Ossetian Ossetians Abkhaz Abkhazian Abkhazians Transatlantic Mediterranean "
                  "Gulf Andean Amazonian Caribbean Pacific Atlantic Arctic Sahelian Sahrawi Maghrebi Levantine "
                  "Taliban Mujahideen Kazakh Central Asian Middle Eastern South Asian Southeast Asian East Asian "
                  "Latin American North African West African East African Sub-Saharan").split()

# Regions and other named places (not cities, not countries).
REGIONS = """Central Asia|Central Asian Region
Middle East|Mideast|Near East
North Africa
West Africa
East Africa
Southern Africa
Central Africa
Sub-Saharan Africa
Horn of Africa
Sahel
Sahara
Maghreb
Levant
Caucasus|South Caucasus|North Caucasus|Transcaucasus
Balkans|Western Balkans
Baltics|Baltic States|Baltic Region
Scandinavia
Eastern Europe
Western Europe
Central Europe
Southeast Europe
Europe
Asia
Africa
South Asia
Southeast Asia
East Asia
Northeast Asia
Asia-Pacific|Asia Pacific
Latin America
Americas|the Americas
Rio de Janeiro|Rio
North-West Frontier Province|NWFP|North West Frontier Province
South America
North America
Central America
Caribbean
Pacific|Pacific Ocean
Atlantic|Atlantic Ocean
Indian Ocean
Arctic
Antarctica
Persian Gulf|Arabian Gulf|the Gulf
Gulf of Aden
Red Sea
Black Sea
Caspian Sea|Caspian
Mediterranean|Mediterranean Sea
Baltic Sea
South China Sea
Sea of Japan
Strait of Hormuz
Korean Peninsula
Arabian Peninsula
Iberian Peninsula
Gaza|Gaza Strip
West Bank
Golan Heights|Golan
Jerusalem|East Jerusalem
Kurdistan|Iraqi Kurdistan|Kurdistan Region
Chechnya
Dagestan
Ingushetia
Abkhazia
South Ossetia
Nagorno-Karabakh|Nagorno Karabakh
Transnistria
Crimea
Kashmir|Jammu and Kashmir
Punjab
Balochistan|Baluchistan
Waziristan|North Waziristan|South Waziristan
FATA|Federally Administered Tribal Areas
Swat|Swat Valley
Helmand
Kandahar
Darfur
Tibet
Xinjiang
Siberia
Far East|Russian Far East
Fergana Valley|Ferghana Valley
Mindanao
Aceh
Papua
Niger Delta
Amazon
Patagonia
Andes
Western Sahara
Kosovo
Scotland
Wales
England
Northern Ireland
Catalonia
Basque Country
Andalusia
Sicily
Corsica
Bavaria
Tasmania
Quebec
Ontario
Hokkaido
Okinawa
Taiwan Strait
Sinai|Sinai Peninsula
Negev
Bekaa|Bekaa Valley
Anbar
Nineveh
Basra
Diyala
Hadramawt
Puntland
Somaliland
Ogaden
Zanzibar
Cabinda
Greenland
Diego Garcia
Hong Kong
Macau|Macao
Washington|Washington DC|Washington D.C.
New York|New York City
Geneva
Vienna
Brussels
The Hague
Strasbourg
Davos
Camp David
Silicon Valley"""

# US states (GeoNames has them; only the unambiguous ones are used).
# International organisations, US agencies and other well-known bodies: canonical|aliases...
ORGANIZATIONS = """United Nations|UN|U.N.
UN Security Council|United Nations Security Council|UNSC|Security Council
UN General Assembly|United Nations General Assembly|UNGA
UN Human Rights Council|UNHRC|Human Rights Council
United Nations High Commissioner for Refugees|UNHCR|UN Refugee Agency
United Nations Development Programme|UNDP
United Nations Children's Fund|UNICEF
United Nations Office on Drugs and Crime|UNODC
UN Environment Programme|UNEP
UNESCO
World Food Programme|WFP|World Food Program
World Health Organization|WHO
International Atomic Energy Agency|IAEA
International Monetary Fund|IMF
World Bank
World Trade Organization|WTO
International Labour Organization|ILO|International Labor Organization
International Criminal Court|ICC
International Court of Justice|ICJ
International Committee of the Red Cross|ICRC|Red Cross
International Organization for Migration|IOM
Interpol
North Atlantic Treaty Organization|NATO
North Atlantic Council|NAC
International Security Assistance Force|ISAF
European Union|EU|E.U.
European Commission|EC
European Parliament
Council of Europe|COE
European Council
European Central Bank|ECB
Organization for Security and Cooperation in Europe|OSCE|Organization for Security and Co-operation in Europe
Organisation for Economic Co-operation and Development|OECD
Commonwealth of Independent States|CIS
Collective Security Treaty Organization|CSTO
Shanghai Cooperation Organization|SCO|Shanghai Cooperation Organisation
Eurasian Economic Community|EurAsEC|EURASEC
Association of Southeast Asian Nations|ASEAN
Asia-Pacific Economic Cooperation|APEC
African Union|AU
Economic Community of West African States|ECOWAS
Southern African Development Community|SADC
Intergovernmental Authority on Development|IGAD
Arab League|League of Arab States
Gulf Cooperation Council|GCC
Organization of the Islamic Conference|OIC|Organisation of the Islamic Conference
Organization of American States|OAS
Union of South American Nations|UNASUR
Bolivarian Alliance for the Americas|ALBA
Mercosur|MERCOSUR
Organization of the Petroleum Exporting Countries|OPEC
Group of Eight|G8|G-8
Group of Twenty|G20|G-20
Non-Aligned Movement|NAM
Nuclear Suppliers Group|NSG
Missile Technology Control Regime|MTCR
Wassenaar Arrangement
Financial Action Task Force|FATF
Conference on Disarmament
Comprehensive Nuclear-Test-Ban Treaty Organization|CTBTO
Organisation for the Prohibition of Chemical Weapons|OPCW
Proliferation Security Initiative|PSI
Human Rights Watch|HRW
Amnesty International
Transparency International
Doctors Without Borders|Medecins Sans Frontieres|MSF
Department of State|State Department|DOS
Department of Defense|Defense Department|DOD|DoD|Pentagon
Department of Homeland Security|DHS
Department of Justice|Justice Department|DOJ
Department of the Treasury|Treasury Department|Treasury
Department of Energy|DOE
Department of Commerce|Commerce Department|DOC
Department of Agriculture|USDA
Central Intelligence Agency|CIA
Federal Bureau of Investigation|FBI
Drug Enforcement Administration|DEA
National Security Council|NSC
National Security Agency|NSA
US Agency for International Development|USAID|U.S. Agency for International Development
Millennium Challenge Corporation|MCC
Peace Corps
Export-Import Bank|EXIM|Ex-Im Bank
Overseas Private Investment Corporation|OPIC
United States Trade Representative|USTR
Congress|US Congress|U.S. Congress
White House
Kremlin
Chancellery|Federal Chancellery
Elysee|Elysee Palace
Quai d'Orsay
Downing Street|Number 10
Blue House
Zhongnanhai
US Central Command|CENTCOM|USCENTCOM|Centcom
US Africa Command|AFRICOM|USAFRICOM|Africom
US Southern Command|SOUTHCOM|USSOUTHCOM|SouthCom|Southcom
US European Command|EUCOM|USEUCOM
US Pacific Command|PACOM|USPACOM
US Northern Command|NORTHCOM|USNORTHCOM
Supreme Headquarters Allied Powers Europe|SHAPE
United States Government|USG|U.S. Government|US Government
Her Majesty's Government|HMG
Foreign and Commonwealth Office|FCO|Foreign Office
Ministry of Foreign Affairs|MFA|Foreign Ministry|MOFA|MoFA
Ministry of Defense|MOD|MoD|Defense Ministry|Ministry of Defence|Defence Ministry
Ministry of Interior|MOI|MoI|Interior Ministry|Ministry of the Interior|Ministry of Internal Affairs|MVD
Ministry of Finance|MOF|MoF|Finance Ministry
Ministry of Justice|MOJ|MoJ|Justice Ministry
Ministry of Health|MOH|MoH|Health Ministry
Ministry of Economy|Economy Ministry
Ministry of Energy|Energy Ministry
Ministry of Trade|Trade Ministry
Al-Qaida|al-Qaeda|al-Qaida|Al Qaeda|Al Qaida|AQ|al Qaeda
Al-Qaida in the Islamic Maghreb|AQIM|al-Qaeda in the Islamic Maghreb
Al-Qaida in the Arabian Peninsula|AQAP
Al-Qaida in Iraq|AQI
Taliban|Taleban
Hamas
Hizballah|Hezbollah|Hizbollah
Fatah
Houthis|Houthi|al-Houthi
Labour Party|Labour
Christian Democratic Union|CDU|Christian Democrats
Christian Social Union|CSU
Social Democratic Party of Germany|SPD
Conservative Party|Conservatives|Tories
Palestinian Authority
Palestine Liberation Organization|PLO
Muslim Brotherhood
Islamic Jihad
Lashkar-e-Tayyiba|LeT|Lashkar-e-Taiba
Jemaah Islamiyah|JI
Islamic Movement of Uzbekistan|IMU
Hizb ut-Tahrir|Hizb-ut-Tahrir
Kurdistan Workers' Party|PKK|Kurdistan Workers Party
Revolutionary Armed Forces of Colombia|FARC
National Liberation Army|ELN
Basque Homeland and Liberty|ETA
Shining Path
Islamic Revolutionary Guard Corps|IRGC|Revolutionary Guards|Revolutionary Guard
Quds Force|IRGC-QF
Basij
Mujahedin-e Khalq|MEK|MKO
Tamil Tigers|LTTE|Liberation Tigers of Tamil Eelam
Janjaweed
Sudan People's Liberation Movement|SPLM
Justice and Equality Movement|JEM
Al-Shabaab|al-Shabaab|Al Shabaab|Shabaab
Hezb-e-Islami
Haqqani Network
Tehrik-e-Taliban Pakistan|TTP
Inter-Services Intelligence|ISI
Federal Security Service|FSB
Foreign Intelligence Service|SVR
Gazprom
Rosneft
Lukoil
KazMunaiGas|KazMunayGas|KMG
Saudi Aramco|Aramco
Petrobras
PDVSA
Pemex
Sinopec
CNPC|China National Petroleum Corporation
Boeing
Airbus
Lockheed Martin
General Electric
ExxonMobil|Exxon Mobil|Exxon
Chevron
Shell|Royal Dutch Shell
BP|British Petroleum
Microsoft
Google
Reuters
El Pais
El Mundo
ABC|ABC newspaper
Le Monde
Le Figaro
Liberation
Der Spiegel|Spiegel
Die Welt
Frankfurter Allgemeine Zeitung|FAZ
Sueddeutsche Zeitung
Corriere della Sera
La Repubblica
La Nacion
Clarin
O Globo
Folha de Sao Paulo|Folha
O Estado de Sao Paulo|Estado de Sao Paulo
Kommersant
Izvestiya|Izvestia
Nezavisimaya Gazeta
Novaya Gazeta
Pravda
Hurriyet
Milliyet
Zaman
Haaretz
Jerusalem Post
Dawn
Asharq Al-Awsat
Al-Hayat|Al Hayat
People's Daily
China Daily
Yomiuri Shimbun|Yomiuri
Asahi Shimbun|Asahi
The Guardian|Guardian
The Times
Daily Telegraph|Telegraph
El Universal
El Tiempo
Associated Press|AP
Agence France-Presse|AFP|Agence France Presse
BBC|British Broadcasting Corporation
CNN
Al Jazeera|Al-Jazeera
Al Arabiya|Al-Arabiya
New York Times
Washington Post
Wall Street Journal
Financial Times
The Economist
Interfax
ITAR-TASS|TASS
RIA Novosti
Xinhua
Voice of America|VOA
Radio Free Europe|RFE/RL|Radio Liberty
Harvard University|Harvard
Oxford University|Oxford
Georgetown University
Brookings Institution|Brookings
Council on Foreign Relations|CFR
Carnegie Endowment for International Peace|Carnegie Endowment
Heritage Foundation
RAND Corporation|RAND
Soros Foundation|Open Society Institute|OSI
Freedom House
International Crisis Group|ICG
International Republican Institute|IRI
National Democratic Institute|NDI
National Endowment for Democracy|NED
Vatican
Duma|State Duma
Federation Council
Knesset
Bundestag
Majlis
Rada|Verkhovna Rada
Mazhilis|Majilis
Sejm
Cortes
European Investment Bank|EIB
Asian Development Bank|ADB
European Bank for Reconstruction and Development|EBRD
Inter-American Development Bank|IDB
African Development Bank|AfDB
Islamic Development Bank|IsDB
Eurasian Development Bank|EDB
Caribbean Community|CARICOM
Organization of Eastern Caribbean States|OECS
Pacific Islands Forum
Kimberley Process
Global Fund
Bill and Melinda Gates Foundation|Gates Foundation
Nobel Committee
FIFA
International Olympic Committee|IOC"""

# "Government of X" acronyms that do not follow the GO + initial pattern.
GOV_ACRONYMS = {"HMG": "UK", "USG": "US", "SAG": "SF", "SARG": "SY", "RGOB": "BT", "TFG": "SO", "GNU": "ZI",
                "GOSS": "OD", "PRC": "CH", "ROK": "KS", "DPRK": "KN", "RGC": "CB", "GRP": "RP", "RTG": "TH",
                "GSL": "CE", "GON": "NP", "GIROA": "AF", "ROYG": "YM", "GOAJ": "AJ", "GOSL": "CE", "GOSS": "OD", "RGOB": "BT", "HMGN": "NP", "GNPC": None, "RGOL": None}

TITLES = """President|Vice President|Prime Minister|Deputy Prime Minister|First Deputy Prime Minister|PM|DPM|VP
Foreign Minister|FM|Deputy Foreign Minister|DFM|Vice Foreign Minister|VFM|Minister|Deputy Minister|Vice Minister|Minister of State|State Minister
Defense Minister|Defence Minister|Interior Minister|Finance Minister|Justice Minister|Energy Minister|Economy Minister|Trade Minister|Health Minister|Education Minister|Culture Minister|Agriculture Minister
Minister-Counselor|Minister Counselor|Minister-Counselor for Political Affairs|MC|M/C|PMC|EMC
Secretary|Secretary of State|Deputy Secretary|Under Secretary|Undersecretary|Assistant Secretary|Deputy Assistant Secretary|A/S|DAS|U/S|S/E
Secretary General|Secretary-General|SecGen|Deputy Secretary General|Deputy Secretary-General|SYG|UNSYG
Ambassador|Amb|Amb.|Ambassador-designate|Ambassador-at-Large|Charge|Charge d'Affaires|Charge D'Affaires|CDA|DCM|A/DCM|Deputy Chief of Mission|Consul General|Consul|CG|Vice Consul|PolCouns|Polcouns|EconCouns|Econcouns|Counselor|Political Counselor|Economic Counselor|PolOff|Poloff|EconOff|Econoff|Emboff|DATT|Defense Attache|Attache
Chief|Pol Chief|Econ Chief|Pol/Econ Chief|Political Chief|Economic Chief|POL/ECON Chief|Political/Economic Chief|Section Chief|Unit Chief|Office Director|Director|Deputy Director|Director General|Director-General|DG|Deputy Director General|Managing Director|Executive Director|Acting Director|Head|Deputy Head|Chairman|Chairwoman|Chair|Deputy Chairman|Vice Chairman|Co-Chairman|Commissioner|High Commissioner|Special Representative|Special Envoy|Envoy|Spokesman|Spokeswoman|Spokesperson|Adviser|Advisor|Senior Adviser|Senior Advisor|National Security Advisor|National Security Adviser|Foreign Policy Advisor|Desk Officer|Officer|Political Officer|Economic Officer|Coordinator|Representative|Permanent Representative|PermRep|Delegate|Negotiator|Chief Negotiator
Speaker|Senate Speaker|Deputy Speaker|Parliament Speaker|Senator|Sen.|Congressman|Congresswoman|Rep.|Representative|Deputy|MP|Parliamentarian|Member of Parliament|Governor|Vice Governor|Deputy Governor|Mayor|Deputy Mayor|Akim|Prefect|Senate President
King|Queen|Crown Prince|Prince|Princess|Sheikh|Shaykh|Emir|Amir|Sultan|Shah|Ayatollah|Grand Ayatollah|Imam|Mullah|Cleric|Patriarch|Pope|Cardinal|Archbishop|Bishop|Rabbi|Supreme Leader|Leader
General|Gen.|Gen|Lieutenant General|LTG|Lt. Gen.|Major General|MG|Maj. Gen.|Brigadier General|BG|Brig. Gen.|Brigadier|Brigadeiro|Admiral|ADM|Adm.|Vice Admiral|Rear Admiral|Colonel|Col.|COL|Lieutenant Colonel|LTC|Lt. Col.|Major|Maj.|Captain|Capt.|Lieutenant|Lt.|Commander|Cdr.|Sergeant|Marshal|Field Marshal|Air Marshal|Commandant|CHOD|D/CHOD|Chief of Staff|Chief of General Staff|Chief of Defense|Commander-in-Chief
Judge|Justice|Chief Justice|Prosecutor|Prosecutor General|Attorney General|Procurator General|Magistrate|Ombudsman|Auditor General
Professor|Prof.|Dr.|Dr|Doctor|Mr.|Mr|Mrs.|Mrs|Ms.|Ms|Miss|Mme.|Mme|Madame|Monsieur|Sir|Lord|Lady|Dame|Herr|Frau|Senor|Senora
Editor|Editor-in-Chief|Journalist|Reporter|Correspondent|Columnist|Analyst|Professor|Lawyer|Attorney|Businessman|Businesswoman|Owner|Founder|CEO|CFO|COO|President and CEO|Executive|Manager|General Manager|Chief Executive|Chief Executive Officer
POTUS|VPOTUS|FLOTUS|POLAD|Polad|Candidate|Presidential Candidate|Opposition Leader|Party Leader|Party Chairman|Leader of the Opposition|Activist|Dissident|Secretary-General|Head of State"""

HONORIFICS = "Mr Mr. Mrs Mrs. Ms Ms. Dr Dr. Prof Prof. Sir Madame Mme Sheikh Shaykh Herr Frau Senor Senora Monsieur"

# TAGS codes of organisations (State Department TAGS): code -> canonical name in ORGANIZATIONS
ORG_TAGS = {"EUN": "European Union", "NATO": "North Atlantic Treaty Organization", "UNSC": "UN Security Council",
            "UNGA": "UN General Assembly", "IAEA": "International Atomic Energy Agency", "OSCE": "Organization for Security and Cooperation in Europe",
            "OPEC": "Organization of the Petroleum Exporting Countries", "ASEAN": "Association of Southeast Asian Nations",
            "APEC": "Asia-Pacific Economic Cooperation", "AU": "African Union", "OAS": "Organization of American States",
            "WTO": "World Trade Organization", "UN": "United Nations", "UNHRC": "UN Human Rights Council", "ICRC": "International Committee of the Red Cross",
            "IMF": "International Monetary Fund", "OECD": "Organisation for Economic Co-operation and Development", "GCC": "Gulf Cooperation Council",
            "SCO": "Shanghai Cooperation Organization", "CSTO": "Collective Security Treaty Organization", "SADC": "Southern African Development Community",
            "ECOWAS": "Economic Community of West African States", "IGAD": "Intergovernmental Authority on Development", "ICC": "International Criminal Court",
            "ICJ": "International Court of Justice", "UNHCR": "United Nations High Commissioner for Refugees", "NSG": "Nuclear Suppliers Group",
            "MTCRE": "Missile Technology Control Regime", "OIC": "Organization of the Islamic Conference", "ARF": "Association of Southeast Asian Nations"}

# Given names that are everyday words: never evidence of a name.
FIRST_NAME_BLOCK = set("""may will june april august march rose grace hope joy faith art bill mark frank grant
major king prince duke earl page penny ruby pearl crystal dawn summer autumn winter sunny sky star rich rusty
guy chance chase hunter ward wade bud buck cash sterling an the in is it no so or to be he me we my do go
love gay honey candy cherry ginger holly ivy iris lily daisy violet olive amber jade coral storm river
rocky sandy rod mar lane""".split())

ORG_HEADS = ("Party Ministry Council Commission Committee Office Bureau Agency Authority Department "
             "Service Services Corps Forces Force Army Navy Police Guard Guards Court Tribunal Parliament Assembly Senate "
             "Congress Chamber Union League Front Movement Alliance Coalition Organization Organisation Association "
             "Federation Foundation Institute Institution Center Centre University College Academy School Bank Fund "
             "Company Corporation Corp. Corp Inc. Inc Ltd. Ltd Group Holding Holdings Airlines Airways Petroleum "
             "Oil Gas Energy Industries Enterprises Television Radio Times News Journal Gazette Daily Weekly Herald Tribune Chronicle Observer Agency Network "
             "Brigade Brigades Battalion Division Regiment Command Directorate Secretariat "
             "Board Council Caucus Bloc Club Society Trust Church").split()
ORG_STARTS = ("Ministry Department Office Bureau Council Commission Committee Institute Center Centre University "
              "Bank Court Union Party Organization Organisation Agency League Front Movement Association Federation "
              "Foundation Academy Chamber Directorate Federal National Supreme").split()
LOC_HEADS = ("Square Avenue Street Boulevard Road Highway Bridge Province Oblast Region Governorate District County "
             "Prefecture Island Islands Mountains Mountain Mount River Valley Lake Sea Gulf Bay Strait Peninsula Desert "
             "Canal Port Harbor Harbour Airport Airbase Base Camp Crossing Border Plateau Basin Delta Coast Oasis "
             "Kray Krai Raion Rayon Municipality Village Town City State Territory Territories Emirate Wilaya").split()
NAME_CONNECTORS = "de del della di da das do dos du la le van von der den ter bin ben bint ibn al el abu abd y e St.".split()

# Capitalised words that never start or form a name on their own (cable jargon, calendar, headings).
STOPWORDS = """A An The This That These Those There Their They Them He She His Her Its It We Our You Your I My Me
And Or But Nor For So Yet If Then Than As At By From In Into Of On Onto To With Without Within About After Before
During Since Until Upon Over Under Between Among Against Through Toward Towards Per Via Not No Yes All Any Each
Every Both Either Neither Some Such Many Much Most More Few Several Other Another One Two Three Four Five Six Seven
Eight Nine Ten First Second Third Fourth Fifth Last Next New Old Also However Moreover Furthermore Meanwhile Although
Though While Whereas Because When Where Which Who Whom Whose What Why How Here Now Still Even Only Just Already
Summary End Comment Note Begin Text Subject Ref Refs Reftel Reftels Septel Para Paragraph Action Request Background
Classified Reason Reasons Declassify Decl Tags Sipdis Noforn Confidential Secret Unclassified Unclas Sensitive
Embassy Mission Consulate Post Department Dept Government Ministry Minister President Prime Ambassador Charge
Secretary Director Deputy Chief Chairman Head Office Officer Officials Official Minister's President's Embassy's
Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July August
September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
Mr Mrs Ms Dr Sir Madam Per Please Thank Thanks Regards Best Kudos Visit
North South East West Northern Southern Eastern Western Central Upper Lower Greater
Republic Kingdom State States Federation Union Islamic Democratic People's Federal National International Foreign
Defense Defence Interior Justice Finance Economy Economic Political Military Security Intelligence Energy Trade
Affairs Policy Division Section Unit Bureau Agency Council Committee Commission Court Party Parliament Senate
Assembly Cabinet Administration Army Navy Police Forces Force Media Press TV Internet Web Website
Christmas Easter Ramadan Eid New Year Independence Day Week Month Year Today Tomorrow Yesterday
General Admiral Colonel Major Captain Lieutenant Commander Sergeant
Staff Olympics Olympic Emboffs Poloffs Econoffs Conoffs RevCon Human Rights Civil Society Rule Law Constitution Treaty Agreement Protocol Convention Resolution Act Bill
Initiative Program Programme Project Plan Strategy Review Report Framework Dialogue Talks Summit Conference
Meeting Session Forum Group Working Team Task Election Elections Referendum Campaign Operation Exercise
Crisis War Conflict Revolution Coup Case Issue Issues Question Questions Points Point Talking Nonpaper Non-Paper
Key Main Major Minor Comments Conclusion Overview Introduction Recommendation Recommendations Outlook Way Ahead
Bio Biographic Scenesetter Demarche Response Readout Highlights Takeaways Analysis Assessment
AMEMBASSY AMCONSUL AMCONGEN SECSTATE WASHDC USMISSION USUN USNATO USEU USOSCE UNVIE SECDEF CJCS CDR COLLECTIVE
PRIORITY IMMEDIATE ROUTINE NIACT FLASH ZEN""".split()
