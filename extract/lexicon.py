"""Word lists the rule components share: job titles, honorifics, organisation designators."""

from __future__ import annotations

# Heads of job titles: the last word of a role ("chief executive", "policy adviser").
ROLE_HEADS = frozenset("""
president vice-president chairman chairwoman chair chairperson ceo cfo coo cto cio director
officer executive head manager analyst adviser advisor minister secretary spokesman spokeswoman
spokesperson economist strategist chief founder co-founder cofounder owner partner principal
governor chancellor premier leader deputy mp mep senator congressman congresswoman representative
ambassador envoy diplomat commissioner chief-executive editor reporter correspondent journalist
columnist writer producer professor lecturer researcher scientist fellow engineer architect
consultant lawyer attorney counsel solicitor barrister judge prosecutor treasurer controller
trustee member board dean rector provost mayor councillor councilor commander general admiral
captain colonel coach manager-director md boss chief-economist trader broker banker investor
dealer specialist expert official spokesmen officials administrator coordinator organiser
organizer campaigner activist inspector auditor actuary accountant superintendent supervisor
entrepreneur vp evp svp designer developer programmer planner negotiator regulator lobbyist
steward agent clerk secretary-general director-general president-elect chairman-elect
cardinal archbishop bishop rabbi imam vicar priest pastor chaplain
""".split())

# Words that may sit inside a role before its head ("senior policy", "global vice").
ROLE_MODIFIERS = frozenset("""
senior junior chief deputy vice assistant associate executive managing general global regional
national international principal lead acting interim former outgoing incoming joint first second
founding honorary non-executive nonexecutive independent group corporate country area sales
marketing finance financial operating technical technology research investment investor policy
press communications public affairs government legal foreign home trade energy environment
economic economics business political health education defence defense shadow prime state
junior sustainable development sustainability strategy strategic product products programme
program project chief-operating commercial media digital european asia asian pacific us uk
china chinese american british insurance equity equities fund bank banking credit oil market
markets retail industry industrial senior-vice new newly special presidential permanent
""".split())

HONORIFICS = frozenset("""
mr mrs ms miss dr prof professor sir dame lord lady sen rep gov gen col capt rev president
chancellor minister premier mr. mrs. ms. dr. prof. sen. rep. gov. gen. prince princess sheikh king queen
""".split())

# Words that end company and institution names: evidence a span is an organisation.
ORG_DESIGNATORS = frozenset("""
co co. company corp corp. corporation inc inc. ltd ltd. llc plc s.a. sa ag gmbh nv bv group holdings
bank fund trust association council chamber center centre institute institution university college
agency authority commission committee ministry department board bureau office foundation federation
union league party forum organisation organization technologies technology systems partners
industries airlines airways motors energy investment investments capital securities exchange
network networks media news times post journal press club school academy service services
""".split())

EVENT_WORDS = frozenset("summit conference expo olympics games congress convention talks cop".split())

# Determiners and prepositions that join a role to its organisation.
ROLE_ORG_PREPS = frozenset({"of", "at", "for", "with", "in", "from", "to"})

# Roles for which a country, government or party is the organisation ("UK chancellor Gordon Brown",
# "Tory leader Michael Howard"); "a US lawyer" names a nationality, not an employer.
PUBLIC_OFFICES = frozenset("""
president vice-president president-elect chancellor minister premier secretary secretary-general
ambassador envoy governor mayor senator congressman congresswoman representative mp mep official
officials spokesman spokeswoman spokesperson commissioner leader deputy negotiator diplomat prosecutor
attorney regulator head chief chairman chairwoman councillor councilor general admiral commander
""".split())

# Country names as news writes them -> the short name used for "<country> government".
COUNTRIES = {
    "uk": "UK", "britain": "UK", "united kingdom": "UK", "great britain": "UK", "england": "UK",
    "us": "US", "u.s.": "US", "united states": "US", "america": "US", "usa": "US",
    "china": "China", "people's republic of china": "China", "japan": "Japan", "india": "India",
    "france": "France", "germany": "Germany", "italy": "Italy", "spain": "Spain", "russia": "Russia",
    "canada": "Canada", "australia": "Australia", "brazil": "Brazil", "mexico": "Mexico",
    "ireland": "Ireland", "scotland": "Scotland", "wales": "Wales", "netherlands": "Netherlands",
    "belgium": "Belgium", "sweden": "Sweden", "norway": "Norway", "denmark": "Denmark", "finland": "Finland",
    "poland": "Poland", "greece": "Greece", "turkey": "Turkey", "iran": "Iran", "iraq": "Iraq",
    "israel": "Israel", "egypt": "Egypt", "south africa": "South Africa", "nigeria": "Nigeria",
    "kenya": "Kenya", "pakistan": "Pakistan", "indonesia": "Indonesia", "thailand": "Thailand",
    "malaysia": "Malaysia", "singapore": "Singapore", "south korea": "South Korea", "north korea": "North Korea",
    "vietnam": "Vietnam", "philippines": "Philippines", "argentina": "Argentina", "chile": "Chile",
    "colombia": "Colombia", "venezuela": "Venezuela", "saudi arabia": "Saudi Arabia", "switzerland": "Switzerland",
    "austria": "Austria", "portugal": "Portugal", "ukraine": "Ukraine", "new zealand": "New Zealand",
    "sri lanka": "Sri Lanka", "bangladesh": "Bangladesh", "afghanistan": "Afghanistan", "syria": "Syria",
    "cuba": "Cuba", "kazakhstan": "Kazakhstan", "zimbabwe": "Zimbabwe", "uganda": "Uganda", "ghana": "Ghana",
}

# Cabinet-style titles that name a government post without naming the government:
# "Education Secretary Ruth Kelly", "tourism minister X", "Chancellor Gordon Brown".
GOVERNMENT_TITLES = frozenset("secretary minister chancellor".split())

# Common given names, for gender ("she said") and to tell a person from a firm ("Jim Press").
MALE_NAMES = frozenset("""
adam alan albert alex alexander andrew anthony ben benjamin bernie bill bob boris brian carl
charles chris christopher colin daniel david dennis derek donald douglas ed edward eric frank gary
george gordon graham greg harry henry ian jack jacob james jason jeb jeff jeremy jim joe john jon
jonathan joseph josh kevin larry lee mark martin matt matthew michael mike mitch nick nigel paul
peter philip rand richard rick rob robert roger ron ronald sam scott simon stephen steve steven
ted terry thomas tim timothy tom tony vladimir walter william xi
""".split())
FEMALE_NAMES = frozenset("""
alice amanda amy angela ann anna anne barbara betty carly carol caroline catherine charlotte
christine claire diana diane donna elizabeth ellen emily emma hillary helen jane janet jennifer
jessica jill joan julia julie karen kate katherine kathleen kelly laura linda lisa margaret maria
mary melania michelle nancy nicola patricia rachel rebecca ruth sarah sharon susan teresa theresa
""".split())

# Nationality adjectives -> the country ("Finnish Prime Minister" is Finland's), for affiliations and facts.
DEMONYM_COUNTRY = {
    "british": "UK", "welsh": "Wales", "scottish": "Scotland", "irish": "Ireland", "american": "US",
    "french": "France", "german": "Germany", "italian": "Italy", "spanish": "Spain", "russian": "Russia",
    "chinese": "China", "japanese": "Japan", "indian": "India", "israeli": "Israel", "iraqi": "Iraq",
    "iranian": "Iran", "dutch": "Netherlands", "belgian": "Belgium", "swedish": "Sweden", "polish": "Poland",
    "greek": "Greece", "turkish": "Turkey", "egyptian": "Egypt", "pakistani": "Pakistan",
    "australian": "Australia", "canadian": "Canada", "finnish": "Finland", "austrian": "Austria",
    "swiss": "Switzerland", "norwegian": "Norway", "danish": "Denmark", "portuguese": "Portugal",
    "brazilian": "Brazil", "mexican": "Mexico", "south korean": "South Korea", "north korean": "North Korea",
    "saudi": "Saudi Arabia", "ukrainian": "Ukraine", "hungarian": "Hungary", "czech": "Czech Republic",
    "romanian": "Romania", "bulgarian": "Bulgaria", "serbian": "Serbia", "croatian": "Croatia",
    "thai": "Thailand", "vietnamese": "Vietnam", "indonesian": "Indonesia", "malaysian": "Malaysia",
    "singaporean": "Singapore", "nigerian": "Nigeria", "kenyan": "Kenya", "south african": "South Africa",
    "argentine": "Argentina", "argentinian": "Argentina", "chilean": "Chile", "colombian": "Colombia",
    "venezuelan": "Venezuela", "cuban": "Cuba", "afghan": "Afghanistan", "syrian": "Syria",
    "lebanese": "Lebanon", "jordanian": "Jordan", "qatari": "Qatar", "icelandic": "Iceland",
    "kazakh": "Kazakhstan", "ethiopian": "Ethiopia", "bangladeshi": "Bangladesh",
    "sri lankan": "Sri Lanka", "new zealand": "New Zealand", "slovak": "Slovakia", "slovenian": "Slovenia",
    "estonian": "Estonia", "latvian": "Latvia", "lithuanian": "Lithuania", "cambodian": "Cambodia",
    "mongolian": "Mongolia", "peruvian": "Peru", "moroccan": "Morocco", "algerian": "Algeria",
}
