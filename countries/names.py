"""Display names for the dataset's own labels, where the label is not what a reader expects."""

FRIENDLY_NAMES: dict[str, str] = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "KOR": "South Korea",
    "CZE": "Czechia",
    "SVK": "Slovakia",
    "DOM": "Dominican Republic",
    "MKD": "North Macedonia",
    "KGZ": "Kyrgyzstan",
    "BIH": "Bosnia and Herzegovina",
    "TUR": "Türkiye",
    "X-ARA": "Arab countries (region)",
    "X-AFE": "East Africa (region)",
    "X-AFW": "West Africa (region)",
    "X-BEF": "Belgium (French-speaking)",
    "X-BEN": "Belgium (Dutch-speaking)",
    "X-CAF": "Canada (French-speaking)",
    "X-GEE": "Germany (former East)",
    "X-SAW": "South Africa (white sample)",
    "X-SWF": "Switzerland (French-speaking)",
    "X-SWG": "Switzerland (German-speaking)",
}

REGION_CODES = frozenset({"X-AFE", "X-AFW", "X-ARA"})


def display_name(code: str, dataset_label: str) -> str:
    return FRIENDLY_NAMES.get(code, dataset_label)
