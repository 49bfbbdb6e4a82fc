"""Person and Student (snippets/python/people.py): the three kinds of method and bad input."""
from __future__ import annotations

import datetime

import pytest

from snippets.python import people
from snippets.python.people import ADULT_AGE, Person, Student

TODAY = datetime.date(2022, 6, 1)


def test_the_posts_example_with_a_fixed_today() -> None:
    person1 = Person("Maya", 15)
    assert (person1.name, person1.age) == ("Maya", 15)
    person2 = Person.from_birth_year("John", 2002, today=TODAY)
    assert (person2.name, person2.age) == ("John", 20)
    person1.grow_up()
    assert person1.age == 16


def test_from_birth_year_defaults_to_the_real_today(monkeypatch: pytest.MonkeyPatch) -> None:
    class FrozenDate(datetime.date):
        @classmethod
        def today(cls) -> FrozenDate:
            return cls(2030, 1, 1)

    monkeypatch.setattr(people.datetime, "date", FrozenDate)
    assert Person.from_birth_year("Ann", 2000).age == 30


def test_from_birth_year_without_today_uses_the_calendar() -> None:
    this_year = datetime.date.today().year
    assert Person.from_birth_year("Ann", this_year - 40).age in (40, 41)  # a new year may start mid-test


def test_adulthood_starts_at_eighteen() -> None:
    assert ADULT_AGE == 18
    assert not Person.is_adult(17)
    assert Person.is_adult(18)  # the post's `age > 18` says False here
    assert Person.is_adult(19)


def test_the_factory_follows_the_subclass_and_the_hardcoded_one_does_not() -> None:
    student = Student.from_birth_year("Li", 2006, today=TODAY)
    assert type(student) is Student and student.age == 16
    other = Student.from_birth_year_hardcoded("Li", 2006, today=TODAY)
    assert type(other) is Person and other.age == 16


def test_classmethods_and_staticmethods_work_through_an_instance() -> None:
    person = Person("John", 20)
    student = Student("Li", 16)
    assert type(student.from_birth_year("Kim", 2010, today=TODAY)) is Student
    assert type(person.from_birth_year("Kim", 2010, today=TODAY)) is Person
    assert person.is_adult(20) and not student.is_adult(16)
    assert (person.name, person.age) == ("John", 20)


def test_describe_reads_the_class_attribute_through_type_self() -> None:
    assert Person("Maya", 15).describe() == "Maya, 15, person"
    assert Student("Li", 16).describe() == "Li, 16, student"
    assert repr(Student("Li", 16)) == "Student('Li', 16)"


def test_a_birthday_in_the_current_year_gives_age_zero() -> None:
    assert Person.from_birth_year("Baby", 2022, today=TODAY).age == 0


@pytest.mark.parametrize("birth_year, error, words", [
    (2023, ValueError, r"birth_year 2023 is in the future \(today is 2022-06-01\)"),
    ("2002", TypeError, "birth_year must be an int, got str"),
    (2002.0, TypeError, "birth_year must be an int, got float"),
    (True, TypeError, "birth_year must be an int, got bool"),
    (None, TypeError, "birth_year must be an int, got NoneType"),
])
def test_from_birth_year_rejects_bad_years(birth_year: object, error: type[Exception], words: str) -> None:
    for factory in (Person.from_birth_year, Person.from_birth_year_hardcoded):
        with pytest.raises(error, match=words):
            factory("Zoe", birth_year, today=TODAY)  # type: ignore[arg-type]


def test_from_birth_year_rejects_a_today_that_is_not_a_date() -> None:
    with pytest.raises(TypeError, match="today must be a datetime.date, got str"):
        Person.from_birth_year("Zoe", 2000, today="2022-06-01")  # type: ignore[arg-type]


@pytest.mark.parametrize("name, age, error, words", [
    ("Maya", -1, ValueError, "age must be >= 0, got -1"),
    ("Maya", 15.5, TypeError, "age must be an int, got float"),
    ("Maya", "15", TypeError, "age must be an int, got str"),
    ("", 15, ValueError, "name must not be empty"),
    (None, 15, TypeError, "name must be a str, got NoneType"),
])
def test_init_rejects_bad_input(name: object, age: object, error: type[Exception], words: str) -> None:
    with pytest.raises(error, match=words):
        Person(name, age)  # type: ignore[arg-type]


def test_is_adult_rejects_non_int_ages() -> None:
    with pytest.raises(TypeError, match="age must be an int, got str"):
        Person.is_adult("18")  # type: ignore[arg-type]
