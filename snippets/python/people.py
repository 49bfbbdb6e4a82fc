"""Person and Student: instance, class and static methods (the methods page).

The original post's Person, fixed: `from_birth_year` takes the year it uses, today's date can be
injected (so examples and tests do not depend on the calendar), adulthood is `>= 18`, and
the factory builds `cls(...)`, so a subclass gets an instance of itself.
"""
from __future__ import annotations

import datetime
from typing import ClassVar, Self

ADULT_AGE = 18


def _check_int(name: str, value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{name} must be an int, got {type(value).__name__}")
    return value


def _age_in(birth_year: object, today: object) -> int:
    """Years between birth_year and today's year (the day of birth is not known)."""
    _check_int("birth_year", birth_year)
    if not isinstance(today, datetime.date):
        raise TypeError(f"today must be a datetime.date, got {type(today).__name__}")
    if birth_year > today.year:
        raise ValueError(f"birth_year {birth_year} is in the future (today is {today})")
    return today.year - birth_year


# --8<-- [start:person]
class Person:
    kind: ClassVar[str] = "person"                 # class attribute, shared

    def __init__(self, name: str, age: int) -> None:
        if not isinstance(name, str):
            raise TypeError(f"name must be a str, got {type(name).__name__}")
        if not name:
            raise ValueError("name must not be empty")
        if _check_int("age", age) < 0:
            raise ValueError(f"age must be >= 0, got {age}")
        self.name = name                           # instance attributes, per object
        self.age = age

    @classmethod
    def from_birth_year(cls, name: str, birth_year: int,
                        today: datetime.date | None = None) -> Self:
        """Factory: cls is the class it is called on, so subclasses get their own type."""
        if today is None:
            today = datetime.date.today()
        return cls(name, _age_in(birth_year, today))

    @staticmethod
    def is_adult(age: int) -> bool:
        """Needs neither the instance nor the class: a plain function kept in the class."""
        return _check_int("age", age) >= ADULT_AGE

    def grow_up(self) -> None:
        self.age += 1

    def describe(self) -> str:
        """Instance data through self, class data through type(self)."""
        return f"{self.name}, {self.age}, {type(self).kind}"

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self.name!r}, {self.age})"
# --8<-- [end:person]

    # --8<-- [start:hardcoded]
    @staticmethod
    def from_birth_year_hardcoded(name: str, birth_year: int,
                                  today: datetime.date | None = None) -> Person:
        """For contrast only: names Person, so Student.from_birth_year_hardcoded gives a Person."""
        if today is None:
            today = datetime.date.today()
        return Person(name, _age_in(birth_year, today))
    # --8<-- [end:hardcoded]


# --8<-- [start:student]
class Student(Person):
    kind = "student"
# --8<-- [end:student]
