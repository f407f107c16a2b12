"""The demo's people and places, shared by the demo region (loader.py) and the region
at scale (region.py): names, streets, towns and their municipalities, postcodes,
the ages per level, and the demo accounts' mail domain and password."""

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
