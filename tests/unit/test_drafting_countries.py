"""Countries, demonyms and cities in text (bilateral.drafting.countries)."""
from bilateral.drafting import countries


def codes(text):
    return [(m.alpha3, m.text, m.possessive) for m in countries.find(text)]


def test_names_demonyms_and_possessives():
    assert codes("Belarus stands by India’s bid") == [("BLR", "Belarus", False), ("IND", "India’s", True)]
    assert codes("Belarusian and Ugandan envoys met Vietnamese, Norwegian and German officials") == [
        ("BLR", "Belarusian", False), ("UGA", "Ugandan", False), ("VNM", "Vietnamese", False),
        ("NOR", "Norwegian", False), ("DEU", "German", False)]


def test_names_of_several_words_and_irregular_demonyms():
    assert codes("The South African and Chinese ministers; the United States and Kenya") == [
        ("ZAF", "South African", False), ("CHN", "Chinese", False), ("USA", "United States", False), ("KEN", "Kenya", False)]


def test_people_and_words_are_not_countries():
    assert codes("Minister Aleinik met Jaishankar, Mwangi and Ribeiro at the Summit") == []


def test_cities_resolve_to_their_country():
    assert countries.city_country("Kampala") == "UGA"
    assert countries.city_country("Brasília") == "BRA"
    assert countries.city_country("Planalto Palace") is None
