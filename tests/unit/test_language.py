"""Language detection (bot/red_flags/language.py): other languages are told,
short English replies are never mistaken for another language."""
import pytest

from bot.red_flags.language import detect


@pytest.mark.parametrize("text,code", [
    ("no puedo orinar, tengo las piernas dormidas", "es"),
    ("hola, me duele mucho la espalda", "es"),
    ("我的背很痛", "zh"),
    ("허리가 너무 아파요", "ko"),
    ("tôi bị đau lưng rất nhiều", "vi"),
    ("У меня сильно болит спина", "ru"),
])
def test_other_languages(text, code):
    assert detect(text) == code


@pytest.mark.parametrize("text", ["ok", "yes", "Tuesday at 10am", "Maria Lopez", "cupping", "lumbago",
                                  "Jose Hernandez 310 555 1234", "sciatica both legs", "I cant pee",
                                  "next friday after work", "", "12345", "\x00\x01",
                                  "do you offer telemedicine?", "can I pay by card?", "do you take insurance?",
                                  "what are your opening hours on sunday?"])
def test_short_english_stays_english(text):
    assert detect(text) == "en"
