"""The Spanish safety net (bot/red_flags/spanish.py, data/red_flags/spanish.yml)."""
import pytest

from bot.red_flags import spanish
from bot.red_flags.signs import EMERGENCY, NONE, URGENT

EMERGENCY_ES = [
    "me duele la cintura y desde ayer no me salen los orines",
    "con la hernia ya no eyaculo y casi no siento nada",
    "tengo el recto como dormido y dolor lumbar",
    "no puedo orinar, tengo las piernas dormidas",
    "se me sale la pipí sola desde ayer y me duele la espalda",
    "no siento nada al limpiarme",
    "tengo ciática en las dos piernas",
    "se me están debilitando las dos piernas",
    "perdí el control de la vejiga",
    # Early and indirect wordings (session 5, from the training part's misses).
    "me cuesta mucho empezar a orinar y tengo que apretar, con la hernia",
    "cuando hago pipí casi no noto nada, tengo ciática",
    "no siento las ganas de orinar desde ayer y me duele la cintura",
    "se me durmió el perineo y tengo lumbalgia",
    "desde la crisis de la hernia no logro tener erección",
    "tengo las dos piernas flojas desde ayer por la hernia",
]
URGENT_ES = ["me caí de la escalera y me duele la espalda", "tengo fiebre y dolor de espalda",
             "tuve cáncer de mama y ahora me duele la columna",
             "he adelgazado sin proponérmelo y me duele la espalda baja",
             "el dolor de espalda me despierta todas las noches",
             "se me cuelga el pie derecho al caminar, tengo ciática"]
BENIGN_ES = ["si estoy mucho rato sentado se me duermen las piernas, camino un poco y se me quita", "¿cuánto cuesta la acupuntura?", "me duele la espalda después del gimnasio",
             "se me durmió la pierna en misa pero ya estoy bien", "¿qué ejercicios puedo hacer en casa?",
             "estoy bajando de peso con la dieta y ya me duele menos la espalda",
             "de pie me pesan las piernas por la estenosis, pero al sentarme se me quita"]


@pytest.mark.parametrize("text", EMERGENCY_ES)
def test_emergency_in_spanish(text):
    assert spanish.assess(text).level == EMERGENCY, text


@pytest.mark.parametrize("text", URGENT_ES)
def test_urgent_in_spanish(text):
    assert spanish.assess(text).level == URGENT, text


@pytest.mark.parametrize("text", BENIGN_ES)
def test_benign_spanish(text):
    assert spanish.assess(text).level == NONE, text


def test_english_is_not_read_as_spanish():
    for text in ["Tuesday at 10am", "my back hurts", "Maria Lopez, 310 555 0142"]:
        assert spanish.assess(text).level == NONE


def test_accents_are_folded():
    assert spanish.fold("Ciática NIÑO") == "ciatica nino"


@pytest.mark.parametrize("text, level", [
    ("me duele la espalda, sin fiebre ni nada", NONE),                   # denied
    ("me duele la espalda y tengo fiebre", URGENT),
    ("que pasa si la ciatica afecta las dos piernas? pregunto por curiosidad", NONE),   # a question
    ("me dan rampas que bajan por las dos piernas", EMERGENCY),
    ("se me escapo un poco de caca sin poder aguantar y me duele la espalda", EMERGENCY),
    ("no siento pasar la orina y me duele la espalda", EMERGENCY),
    ("despues de la bici se me adormece la entrepierna pero se me pasa en un rato", NONE),  # passing
])
def test_negation_questions_and_colloquial_words(text, level):
    assert spanish.assess(text).level == level, text


@pytest.mark.parametrize("text, screen", [
    ("mi esposo ya no aguanta cuando tiene que hacer del baño, se ensucia sin querer", True),
    ("siento un cosquilleo raro en la entrepierna y me duele la espalda baja", True),
    ("hola, ¿cuánto cuesta una sesión de acupuntura?", False),
    ("tengo dolor de espalda desde hace una semana", False),
    ("tuve hormigueo en la pierna pero ya se me paso", False),
])
def test_unclear_spanish_signs_ask_the_screening_question(text, screen):
    assert spanish.assess(text).screen is screen


@pytest.mark.parametrize("text, level", [
    # Session 10 (our wordings): a passing numbness after the bike is passed;
    # sciatica that "se pasó a las dos piernas" has spread, not passed.
    ("se me durmio la zona genital en la bici pero al bajarme se me paso", NONE),
    ("la ciatica se me paso a las dos piernas, me arden hasta los pies", EMERGENCY),
    ("no he podido hacer pipi desde ayer y me duele la espalda", EMERGENCY),
    ("perdi la sensibilidad en la vulva y tengo dolor lumbar", EMERGENCY),
    ("mi abuela dejo de sentir las piernas y le duele la espalda", EMERGENCY),
    ("el dolor de espalda no me deja dormir", URGENT),
    ("he perdido peso sin hacer dieta y me duele la espalda", URGENT),
    # Session 12 (our wordings): bowel and bladder feeling, "las 2 piernas",
    # no strength in either leg, a temperature, a day that has passed is not
    # a symptom that passed; numbness gone in a moment off the bike.
    ("ya no siento cuando tengo que evacuar y me duele la espalda baja", EMERGENCY),
    ("desde la hernia no siento cuando hago pipi", EMERGENCY),
    ("hormigueo en las 2 piernas y dolor de cintura", EMERGENCY),
    ("no tengo fuerza en ninguna pierna y me duele la espalda", EMERGENCY),
    ("tengo temperatura todas las noches y dolor de espalda", URGENT),
    ("me cai de la escalera, ya paso un dia y sigo con dolor de espalda", URGENT),
    ("se me duerme la entrepierna en la bici pero se me quita en un ratito", NONE),
])
def test_spanish_wordings_of_sessions_10_and_12(text, level):
    assert spanish.assess(text).level == level, text


@pytest.mark.parametrize("text", [
    # Session 11: legs said to feel nothing odd; numbness that passes minutes after the bike.
    "me torci la espalda cargando cajas pero no noto nada raro en las piernas",
    "en la bici se me adormece la entrepierna pero se me pasa a los pocos minutos de bajarme",
])
def test_session_11_spanish_look_alikes(text):
    from bot.red_flags import spanish
    assert spanish.assess(text).level != "emergency", text
