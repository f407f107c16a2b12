"""The demo's people and places, shared by the demo region (loader.py, case_plans.py) and
the region at scale (region.py): names, streets, towns and their municipalities, postcodes,
the ages per level, the demo accounts' mail domain and password, and the small region's
schools and staff."""
from coordination.accounts import models as accounts

DEMO_PASSWORD = "demo-wachtwoord-2026"
DOMAIN = "demo.regie.nl"
# Youngest and oldest plausible age per level (delays and repeated years included).
AGES = {"vmbo-b": (12, 17), "vmbo-k": (12, 17), "vmbo-gt": (12, 17), "pro": (12, 18),
        "havo": (12, 17), "vwo": (12, 18), "mbo-1": (16, 20), "mbo-2": (16, 21),
        "mbo-3": (16, 22), "mbo-4": (16, 22)}

GIVEN_NAMES = [name.strip() for name in """Daan, Sem, Lucas, Noah, Levi, Finn, Milan, Jesse,
Thijs, Ruben, Bram, Luuk, Mees, Siem, Jens, Lars, Tim, Stijn, Niels, Jayden, Dylan, Kevin,
Mohamed, Yassin, Ayoub, Youssef, Ilyas, Emre, Rohan, Quincy, Emma, Julia, Mila, Tess, Sophie,
Zoë, Lotte, Fleur, Isa, Anna, Noor, Eva, Sanne, Lieke, Femke, Roos, Maud, Naomi, Chantal,
Kimberley, Fatima, Amira, Sara, Hiba, Salma, Elif, Priya, Shanice, Demi, Britt""".split(",")]
ADULT_NAMES = [name.strip() for name in """Marco, Erik, Hans, Patrick, Mustafa, Hassan, Dennis,
Rob, Wendy, Monique, Esther, Linda, Karin, Nadia, Samira, Petra, Anita, Saskia, Yvonne,
Khadija""".split(",")]
FAMILY_NAMES = [name.strip() for name in """de Jong, Jansen, de Vries, van den Berg, van Dijk,
Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks,
van Leeuwen, Dekker, Brouwer, de Wit, Dijkstra, Smits, de Graaf, van der Meer, van der Linden,
Kok, Jacobs, de Haan, Vermeulen, van den Heuvel, van der Veen, van den Broek, de Bruijn,
Schouten, van der Heijden, van Beek, Willems, van Vliet, van de Ven, Hoekstra, Maas, Verhoeven,
Koster, van Dam, van der Wal, Prins, Blom, Huisman, el Amrani, Bouzid, Yılmaz, Kaya, Öztürk,
Demir, Pinas, Biharie, Ramdin, Nguyen, ten Brink""".split(",")]
STREETS = [name.strip() for name in """Kerkstraat, Dorpsstraat, Schoolstraat, Molenweg, Dreef,
Julianalaan, Beatrixstraat, Oranjestraat, Wilhelminastraat, Stationsweg, Lindenlaan, Eikenlaan,
Berkenlaan, Kastanjelaan, Rozenstraat, Tulpstraat, Merelstraat, Spoorstraat, Nieuwstraat,
Hoofdstraat, Parkweg, Vondellaan, Bilderdijkstraat, Prinses Irenestraat, Kanaalweg,
Burgemeester de Withstraat, Amsterdamsestraatweg, Zonnebloemstraat, Rembrandtlaan,
Van Goghstraat""".split(",")]
# Towns in region midden with their postcode number ranges.
TOWNS = (("Utrecht", 3511, 3585), ("Nieuwegein", 3430, 3439), ("Houten", 3990, 3995),
         ("Zeist", 3700, 3709), ("IJsselstein", 3400, 3404), ("Amersfoort", 3811, 3829),
         ("Woerden", 3440, 3449), ("Bunnik", 3980, 3984), ("Vianen", 4130, 4133),
         ("Maarssen", 3600, 3607))
# The municipality each town belongs to (since 2019 Maarssen is in Stichtse Vecht and
# Vianen in Vijfheerenlanden).
MUNICIPALITY = {town: town for town, _, _ in TOWNS} | {
    "Maarssen": "Stichtse Vecht", "Vianen": "Vijfheerenlanden"}
# Letter pairs Dutch postcodes use (no F, I, O, Q, U, Y; never SA, SD or SS).
POSTCODE_LETTERS = [a + b for a in "ABCEGHJKLMNPRSTVWXZ" for b in "ABCEGHJKLMNPRSTVWXZ"
                    if a + b not in ("SA", "SD", "SS")]


# key, name, BRIN, holiday region, its coordinator and mentor (staff keys), {level: weight}
SCHOOLS = (
    ("baken", "Het Baken vmbo", "04KX", "midden", "regie", "mentor.baken",
     {"vmbo-b": 25, "vmbo-k": 30, "vmbo-gt": 35, "pro": 10}),
    ("lyceum", "Stedelijk Lyceum", "17LM", "midden", "zorg.lyceum", "mentor.lyceum",
     {"havo": 55, "vwo": 45}),
    ("roc", "ROC Midden", "25PN", "midden", "zorg.roc", "slb.roc",
     {"mbo-1": 10, "mbo-2": 30, "mbo-3": 25, "mbo-4": 35}),
)
COORDINATOR_OF = {row[0]: row[4] for row in SCHOOLS}
MENTOR_OF = {row[0]: row[5] for row in SCHOOLS}
# Staff: key (= email local part)|name|role|job title|role on a case team|schools (*: all)
STAFF = [line.split("|") for line in """\
beheer|Jeroen Mulder|admin|Functioneel beheerder||
regie|Sanne Bakker|coordinator|Zorgcoördinator|care_coordinator|baken
zorg.lyceum|Mehmet Kaya|coordinator|Zorg- en ondersteuningscoördinator|care_coordinator|lyceum
zorg.roc|Ingrid van Dijk|coordinator|Coördinator studentondersteuning|care_coordinator|roc
mentor.baken|Thomas de Groot|professional|Mentor|mentor|baken
mentor.lyceum|Laura Hendriks|professional|Mentor|mentor|lyceum
slb.roc|Kees Verhoeven|professional|Studieloopbaanbegeleider|mentor|roc
jeugdarts|Anouk Smit|professional|Jeugdarts (JGZ)|school_doctor|*
jeugdhulp|Rachid El Idrissi|professional|Jeugdhulpverlener (wijkteam)|youth_care_worker|
smw|Marloes Dijkstra|professional|Schoolmaatschappelijk werker|youth_care_worker|baken roc
leerplicht|Peter van Dam|attendance_officer|Leerplichtambtenaar|attendance_officer|
rmc|Samira Bouali|attendance_officer|RMC-consulent|attendance_officer|
""".splitlines()]
CASE_ROLE = {row[0]: row[4] for row in STAFF}
# The login login_lines() shows per role.
ANALYST_LOGIN = "beleid"
SHOWN_LOGIN = {accounts.ADMIN: "beheer", accounts.COORDINATOR: "regie",
               accounts.PROFESSIONAL: "mentor.baken", accounts.ATTENDANCE_OFFICER: "leerplicht",
               accounts.PARENT: "ouder", accounts.YOUTH: "jongere",
               accounts.ANALYST: ANALYST_LOGIN}
# Attendance officers act for the residents of municipalities, not for schools
# (DOMAIN.md §3): the leerplichtambtenaar for four, the RMC-consulent for the whole region.
OFFICER_MUNICIPALITIES = {
    "leerplicht": ("Utrecht", "Nieuwegein", "Houten", "IJsselstein"),
    "rmc": tuple(sorted(set(MUNICIPALITY.values()))),
}
