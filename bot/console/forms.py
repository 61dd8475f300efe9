"""The console's forms (Flask-WTF: each carries its CSRF token)."""
from __future__ import annotations

from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, PasswordField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from bot.store import BOOKING_STATUSES, HANDOVER_STATUSES


class SignInForm(FlaskForm):
    name = StringField("Name", validators=[DataRequired(), Length(max=100)])
    password = PasswordField("Password", validators=[DataRequired(), Length(max=200)])


class BookingStatusForm(FlaskForm):
    status = SelectField("Status", choices=[(s, s) for s in BOOKING_STATUSES])


class HandoverStatusForm(FlaskForm):
    status = SelectField("Status", choices=[(s, s) for s in HANDOVER_STATUSES])


class ActionForm(FlaskForm):
    """A button with nothing but its CSRF token (sign out)."""


class ReplyForm(FlaskForm):
    """A live reply to the patient in a hand-over (bot/console/live.py)."""
    text = TextAreaField("Reply to the patient", validators=[DataRequired(), Length(max=1600)])


class MarkForm(FlaskForm):
    """Staff mark a patient message as misunderstood and name the right topic."""
    conversation_id = HiddenField(validators=[DataRequired(), Length(max=255)])
    event_id = IntegerField(validators=[DataRequired()])
    correct = StringField(validators=[DataRequired(), Length(max=255)])
