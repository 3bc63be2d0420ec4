"""The constrained union-find the entity resolver links units with."""

from __future__ import annotations

from kg.merge.entities import compatible_names
from kg.merge.unionfind import Constrained


def _sets() -> Constrained:
    return Constrained(compatible_names)


def test_items_are_numbered_as_added_and_start_alone() -> None:
    sets = _sets()
    assert [sets.add("Person"), sets.add("Place"), sets.add("Person")] == [0, 1, 2]
    assert len(sets) == 3
    assert [sets.find(i) for i in range(3)] == [0, 1, 2]


def test_the_smaller_number_stays_root_whatever_the_order_of_the_call() -> None:
    sets = _sets()
    for _ in range(3):
        sets.add("Organization")
    assert sets.union(2, 1, "alias", 0.9)
    assert sets.union(1, 0, "alias", 0.9)
    assert {sets.find(i) for i in range(3)} == {0}
    assert [(e.a, e.b, e.reason) for e in sets.edges] == [(2, 1, "alias"), (1, 0, "alias")]
    assert not sets.union(0, 2, "alias", 0.9)  # already one set: no second edge
    assert len(sets.edges) == 2


def test_families_never_merge_unless_forced() -> None:
    sets = _sets()
    person, place = sets.add("Person"), sets.add("Place")
    assert not sets.union(person, place, "spelling-variant", 0.9)
    assert sets.union(person, place, "must-link override", 1.0, forced=True)


def test_full_names_of_a_set_must_stay_compatible_after_unions() -> None:
    sets = _sets()
    li_shangfu = sets.add("Person", [("li", "shangfu")])
    shangfu = sets.add("Person")  # a bare name has no full name to check
    li_keqiang = sets.add("Person", [("li", "keqiang")])
    assert sets.union(shangfu, li_shangfu, "partial-name", 0.9)
    # the set's root (li_shangfu's) now carries "Li Shangfu" for the bare name too
    assert not sets.union(shangfu, li_keqiang, "partial-name", 0.9)
    assert sets.union(li_shangfu, sets.add("Person", [("li", "shangfu")]), "exact-name", 1.0)


def test_two_known_entities_never_merge_and_the_root_inherits_one() -> None:
    sets = _sets()
    plain = sets.add("Place")
    jordan_country = sets.add("Place", known=7)
    jordan_river = sets.add("Place", known=8)
    assert sets.union(jordan_country, plain, "known-entity", 1.0)  # plain (0) becomes root
    assert sets.find(jordan_country) == plain
    assert not sets.union(plain, jordan_river, "known-entity", 1.0)


def test_cannot_link_tags_hold_through_unions_and_even_against_force() -> None:
    sets = _sets()
    a, b, c = (sets.add("Organization") for _ in range(3))
    sets.tag(b, group=0, member=0)
    sets.tag(c, group=0, member=1)
    sets.tag(c, group=1, member=0)
    assert sets.union(a, b, "alias", 0.9)  # a's set now holds member 0 of group 0
    assert not sets.union(a, c, "must-link override", 1.0, forced=True)
    d = sets.add("Organization")
    sets.tag(d, group=1, member=0)  # the same member of a group is no conflict
    assert sets.union(c, d, "alias", 0.9)
