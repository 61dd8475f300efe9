"""Staff accounts of the console: Argon2 hashes (argon2-cffi), never a
password; an unknown name costs the same hash check as a wrong password."""
from __future__ import annotations

from functools import lru_cache
from typing import List, Optional

from bot.store.models import STAFF_ROLES, StaffUser


@lru_cache(maxsize=1)
def _hasher():
    from argon2 import PasswordHasher

    return PasswordHasher()


MIN_PASSWORD = 12


class StaffAccountRepository:
    def add_user(self, name: str, password: str, role: str = "staff") -> int:
        """A new account; ValueError for a taken name, a bad role or a short password."""
        from sqlalchemy.exc import IntegrityError

        name = (name or "").strip()
        if not name or len(name) > 100:
            raise ValueError("a name of 1 to 100 characters")
        if role not in STAFF_ROLES:
            raise ValueError(f"role must be one of {', '.join(STAFF_ROLES)}")
        if len(password or "") < MIN_PASSWORD:
            raise ValueError(f"a password of at least {MIN_PASSWORD} characters")
        try:
            with self.session() as session, session.begin():
                user = StaffUser(name=name, password_hash=_hasher().hash(password), role=role, active=1)
                session.add(user)
                session.flush()
                return user.id
        except IntegrityError:
            raise ValueError(f"there is already a user called {name}") from None

    def set_password(self, name: str, password: str) -> bool:
        if len(password or "") < MIN_PASSWORD:
            raise ValueError(f"a password of at least {MIN_PASSWORD} characters")
        with self.session() as session, session.begin():
            user = session.query(StaffUser).filter_by(name=name).one_or_none()
            if user is None:
                return False
            user.password_hash = _hasher().hash(password)
            return True

    def staff_user(self, user_id: int) -> Optional[StaffUser]:
        with self.session() as session:
            user = session.get(StaffUser, user_id)
            return user if user is not None and user.active else None

    def staff_users(self) -> List[StaffUser]:
        with self.session() as session:
            return list(session.query(StaffUser).order_by(StaffUser.name))

    def check_password(self, name: str, password: str) -> Optional[StaffUser]:
        """The active user with this name and password, else None."""
        from argon2.exceptions import InvalidHashError, VerificationError

        with self.session() as session:
            user = session.query(StaffUser).filter_by(name=(name or "").strip()[:100]).one_or_none()
        stored = user.password_hash if user is not None else _dummy_hash()
        try:
            _hasher().verify(stored, password or "")
        except (VerificationError, InvalidHashError):
            return None
        if user is None or not user.active:
            return None
        if _hasher().check_needs_rehash(stored):
            self.set_password(user.name, password)
        return user


@lru_cache(maxsize=1)
def _dummy_hash() -> str:
    return _hasher().hash("not a password of anyone")
