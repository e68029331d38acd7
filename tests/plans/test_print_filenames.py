"""Download names: ASCII only, readable, and the original carried in filename*=."""

import datetime

import pytest

from plans.filenames import ascii_part, content_disposition, download_filename, original_filename

DAY = datetime.date(2027, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Đà Nẵng Steel", "Da-Nang-Steel"),
        ("Công ty Dệt May", "Cong-ty-Det-May"),
        ("../../etc/passwd", "etc-passwd"),
        ('a"b;c\r\nd', "a-b-c-d"),
        ("北京贸易", ""),
        ("Müller & Söhne GmbH", "Muller-Sohne-GmbH"),
    ],
)
def test_ascii_part_keeps_only_letters_digits_dash_and_underscore(text, expected):
    assert ascii_part(text) == expected


def test_download_filename_joins_counterparty_title_and_date():
    name = download_filename("Saigon Textiles", "Spring order", day=DAY, extension="pdf")
    assert name == "Saigon-Textiles_Spring-order_2027-03-01.pdf"


def test_download_filename_falls_back_when_nothing_is_ascii():
    assert download_filename("北京贸易", "合同", day=DAY, extension="pdf") == "plan_2027-03-01.pdf"


def test_download_filename_is_cut_to_a_sane_length():
    name = download_filename("x" * 500, "y" * 500, day=DAY, extension="pdf")
    assert len(name) <= 140


def test_original_filename_drops_path_separators_quotes_and_controls():
    name = original_filename('a/b\\c"d\ne', "北京", day=DAY, extension="pdf")
    assert name == "a b c d e - 北京 2027-03-01.pdf"


def test_content_disposition_carries_ascii_and_utf8_names():
    header = content_disposition("plan_2027-03-01.pdf", "北京 2027-03-01.pdf")
    assert header == (
        'attachment; filename="plan_2027-03-01.pdf"; '
        "filename*=UTF-8''%E5%8C%97%E4%BA%AC%202027-03-01.pdf"
    )


def test_content_disposition_refuses_an_unsafe_ascii_name():
    with pytest.raises(ValueError, match="not a safe ASCII file name"):
        content_disposition('evil".pdf', "x.pdf")
