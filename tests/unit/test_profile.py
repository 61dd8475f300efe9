from datetime import time

from bot.profile import RENDERED_DOMAIN, load_profile, render_domain


def test_clinic_hours_match_the_articles():
    profile = load_profile()
    # "8AM-8PM Sat, Sun, Mon-Wed, Fri" and closed on Thursday.
    assert profile.closed_days() == ["Thursday"]
    assert profile.is_open(0, time(8, 0)) and profile.is_open(4, time(19, 59))
    assert not profile.is_open(3, time(12, 0))
    assert not profile.is_open(5, time(20, 0)) and not profile.is_open(6, time(7, 59))
    assert profile.hours_text() == "8AM-8PM Monday to Wednesday and Friday to Sunday; closed Thursday"


def test_emergency_number_defaults_to_911(tmp_path):
    path = tmp_path / "clinic.yml"
    path.write_text('name: "X"\nphone: "1"\nhours: {monday: "09:00-17:30"}\n')
    profile = load_profile(path)
    assert profile.emergency_number == "911"
    assert profile.hours_text() == "9AM-5:30PM Monday; closed Tuesday and Wednesday and Thursday and Friday and Saturday and Sunday"


def test_rendered_domain_is_in_sync_with_clinic_yml():
    """domain/clinic_profile.yml must be regenerated after editing clinic.yml
    (`make train` does it)."""
    assert RENDERED_DOMAIN.read_text(encoding="utf-8") == render_domain(load_profile())
