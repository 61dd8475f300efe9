"""Spanish emergency signs as concept pairs (bot/red_flags/spanish_concepts.py,
data/red_flags/spanish_concepts.yml): a place and a change in one sentence."""
import pytest

from bot.red_flags import spanish, spanish_concepts
from bot.red_flags.signs import EMERGENCY, URGENT, signs
from bot.red_flags.spanish import fold

# Wordings no phrase pattern of spanish.yml was written from: each is caught
# by its place and its change alone.
PAIRS = [
    ("el chorrito de la pipi me sale flojo y tengo que pujar, con la hernia", "bladder_sensation"),
    ("mi papa no controla la orina desde anoche y le duele la columna", "bladder_sensation"),
    ("el cuerpo ya no me avisa cuando tengo que hacer del dos", "bowel_sensation"),
    ("tengo la vulva como dormida y me duele la espalda", "saddle_numbness"),
    ("se me pone rara la zona del trasero, como acorchada", "saddle_numbness"),
    ("mi esposo con la hernia ya no logra mantener la ereccion", "sexual_dysfunction"),
    ("mis dos piernas ya no me responden, me duele la cintura", "bilateral_weakness"),
    ("la ciatica me alterna y ahora tengo dolor en ambas pantorrillas", "bilateral_sciatica"),
]


@pytest.mark.parametrize("text,sign", PAIRS)
def test_a_place_and_a_change_make_the_sign(text, sign):
    assert sign in dict(spanish_concepts.find(fold(text)))
    assert spanish.assess(text).level == EMERGENCY


@pytest.mark.parametrize("text", [
    # The place and the change in different sentences.
    "fui a orinar temprano. despues no puedo dormir de lo que me duele",
    # "año" folds to "ano"; "a las dos" is a time; "inglés" is a language.
    "hace un año no siento mejoria con la espalda",
    "el año pasado me dormia mal por la espalda",
    "tengo cita a las dos y me duelen las piernas",
    "no hablo ingles, no siento que la espalda mejore",
    # Said to be fine, or a walking limit, or from sitting.
    "orino normal, sin problemas, solo me duele la espalda",
    "no puedo caminar mas de dos cuadras, las dos piernas se me ponen debiles",
    "se me duerme el trasero de estar mucho rato sentado en la oficina",
    # Legs in the plural without "both": weakness in the legs is see-a-doctor.
    "tengo las piernas flojas desde que me duele la espalda",
    # Nocturia and a burning pee are not the cauda equina signs.
    "me levanto a orinar dos veces en la noche y me duele la espalda",
    "me arde al orinar y me duele la cintura",
])
def test_not_a_sign(text):
    assert spanish_concepts.find(fold(text)) == []


def test_resolved_and_question_messages_do_not_escalate():
    assert spanish.assess("en la bici se me adormece la entrepierna pero al bajarme se me pasa en un rato"
                          ).level != EMERGENCY
    assert spanish.assess("que pasa si la ciatica afecta las dos piernas? pregunto por curiosidad").level \
        != EMERGENCY


def test_every_pair_names_a_known_sign():
    for pair in spanish_concepts.concepts().pairs:
        assert signs()[pair.sign].level in (EMERGENCY, URGENT)


def test_a_past_sign_stays_a_sign_from_a_pair_too():
    """Long-term steroids count even when the message says the pain eased
    (`past_ok`), as they do from the phrase patterns."""
    text = "uso cortisona a diario por el asma, me dolia la espalda pero ya estoy mejor"
    assert "steroids_osteoporosis" in dict(spanish_concepts.find(fold(text)))
    assert "steroids_osteoporosis" in [s.id for s in spanish.assess(text).signs]
