"""See-a-doctor signs told indirectly (data/red_flags/patterns.yml, session
10: the training part's rule misses), in our own wordings, and the
look-alikes next to them."""
import pytest

from bot.red_flags import rules


@pytest.mark.parametrize("text, sign", [
    ("my back has been bad for 6 weeks and every week it is a little worse", "not_improving"),
    ("physio and naproxen for my back pain, and months on it is still the same", "not_improving"),
    ("the moment i lie down at night my lower back kicks off", "night_pain"),
    ("lying down does not ease my back pain at all, i am awake half the night", "night_pain"),
    ("since my back went my left foot does not lift properly and i trip on steps", "one_leg_weakness"),
    ("i could not keep my right foot up when the physio asked me to walk on my heels", "one_leg_weakness"),
    ("my back aches and the scales say i am down nearly 6 kilos", "weight_loss"),
    ("my weight has been dropping off me and my back aches at night", "weight_loss"),
    ("on pred for my asthma for years and now a new pain in my mid back", "steroids_osteoporosis"),
    ("i was told my bones are thin and now my back really hurts after lifting", "steroids_osteoporosis"),
    # Ninth collection's shapes.
    ("back and leg pain since about march and its no different now", "not_improving"),
    ("my back has got worse month on month since the summer", "not_improving"),
    ("the shooting pain in my leg wakes me up again every night", "night_pain"),
    ("i keep tripping over my own right foot since my back went", "one_leg_weakness"),
    ("my left sandal keeps slipping off and my back aches", "one_leg_weakness"),
    ("i got the flu and my lower back is the worst part", "fever"),
    ("the nurse says i have shrunk two inches and my back aches", "steroids_osteoporosis"),
    ("my son injects and now his back is killing him", "immune"),
])
def test_indirect_see_a_doctor_signs(text, sign):
    assert sign in [s.id for s in rules.assess(text).signs], text


@pytest.mark.parametrize("text", [
    "my back is like concrete when i wake up and loosens after half an hour, resting does not help",
    "lost weight on purpose this year and my back feels better for it",
    "my foot went to sleep sitting on it, fine now, back a bit stiff",
    "foot drop from my fusion years ago, the same for years, just some back ache",
    "my back used to wake me every few hours, but since the new bed i have slept straight through",
    # Session 13 (booking requests): "thrown my back out", chronic pain, an
    # old sports injury, a work injury claim, leg pain worse with sitting.
    "threw my back out again moving a wardrobe, can i come in friday?",
    "chronic lower back pain, my gp referred me for acupuncture, any slots next week?",
    "old knee injury from years ago and my lower back is stiff, can i book a massage",
    "my insurer approved acupuncture for a work injury to my shoulder, can i start monday",
    "sciatica down my right leg that gets worse the longer i sit at my desk, anything thursday?",
])
def test_look_alikes_stay_below_see_a_doctor(text):
    assert rules.assess(text).level in ("none", "clarify"), text


def test_falling_asleep_fine_does_not_say_the_night_pain_is_fine():
    text = "i nod off fine but a couple of hours later my back pain wakes me, every night"
    assert "night_pain" in [s.id for s in rules.assess(text).signs]
