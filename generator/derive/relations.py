"""Cross-references of validated content, both ways, for the render stage.

A recommendation names findings and meeting points; a parliamentary item and each commitment
made in it name all of them. Pages need the reverse too (a meeting point lists what concerns
it), so it is computed once here.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from generator.content.model import (
    Commitment,
    Content,
    Finding,
    ParliamentaryItem,
    Recommendation,
)

Item = TypeVar("Item", Finding, Recommendation)


@dataclass(frozen=True)
class Located(Generic[Item]):
    """A finding or recommendation together with the id of its evaluation."""

    evaluation: str
    item: Item
    concerns: tuple[str, ...]
    """Ids of the meeting points it concerns (all participants when the item names none)."""


@dataclass(frozen=True)
class Promised:
    """A commitment together with the parliamentary item it was made in."""

    parliamentary_item: str
    """Id of the item."""
    made_in: ParliamentaryItem
    item: Commitment


@dataclass
class Person:
    """Someone who asked or answered in Parliament, with the items, as `(role, id, item)`;
    the role is `asked` or `answered`."""

    name: str
    parties: set[str]
    items: list[tuple[str, str, ParliamentaryItem]]


class Relations:
    """Answers "what concerns this?" for every kind of item."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.findings: dict[str, Located[Finding]] = {}
        self.recommendations: dict[str, Located[Recommendation]] = {}
        for evaluation_id, evaluation in content.evaluations.items():
            everyone = tuple(evaluation.participants.meeting_points)
            for finding in evaluation.findings:
                concerns = tuple(finding.meeting_points) or everyone
                self.findings[finding.id] = Located(evaluation_id, finding, concerns)
            for recommendation in evaluation.recommendations:
                concerns = tuple(recommendation.meeting_points) or everyone
                self.recommendations[recommendation.id] = Located(
                    evaluation_id, recommendation, concerns
                )
        self.commitments: dict[str, Promised] = {
            commitment.id: Promised(item_id, item, commitment)
            for item_id, item in sorted(
                content.parliament.items(), key=lambda entry: (entry[1].date or "9999", entry[0])
            )
            for commitment in item.commitments
        }
        """Every commitment by id, in the order of their items' dates (undated last)."""

    def findings_for(self, meeting_point: str) -> list[Located[Finding]]:
        """Return the findings that concern a meeting point."""
        return [f for f in self.findings.values() if meeting_point in f.concerns]

    def recommendations_for(self, meeting_point: str) -> list[Located[Recommendation]]:
        """Return the recommendations that concern a meeting point."""
        return [r for r in self.recommendations.values() if meeting_point in r.concerns]

    def recommendations_from(self, finding: str) -> list[Located[Recommendation]]:
        """Return the recommendations that follow from a finding."""
        return [r for r in self.recommendations.values() if finding in r.item.findings]

    def parliament_naming(self, kind: str, item_id: str) -> list[tuple[str, ParliamentaryItem]]:
        """Return the parliamentary items, oldest first, that name an item of `kind`
        (`meeting_points`, `evaluations`, `findings` or `recommendations`)."""
        named = [
            (pid, p) for pid, p in self.content.parliament.items() if item_id in getattr(p, kind)
        ]
        return sorted(named, key=lambda entry: (entry[1].date or "9999", entry[0]))

    def commitments_naming(self, kind: str, item_id: str) -> list[Promised]:
        """Return the commitments, oldest first, that name an item of `kind` (`meeting_points`,
        `evaluations`, `findings` or `recommendations`)."""
        return [c for c in self.commitments.values() if item_id in getattr(c.item, kind)]

    def commitments_by_person(self) -> list[tuple[str, list[Promised]]]:
        """Return everyone who made a commitment, by name, with their commitments oldest
        first."""
        people: dict[str, list[Promised]] = {}
        for promised in self.commitments.values():
            people.setdefault(promised.item.made_by.name, []).append(promised)
        return sorted(people.items())

    def parliament_by_date(self) -> list[tuple[str, ParliamentaryItem]]:
        """Return all parliamentary items, newest first; undated ones last."""
        dated = sorted(
            ((pid, p) for pid, p in self.content.parliament.items() if p.date),
            key=lambda entry: (entry[1].date or "", entry[0]),
            reverse=True,
        )
        return dated + [(pid, p) for pid, p in self.content.parliament.items() if not p.date]

    def parliament_by_person(self) -> list[Person]:
        """Return everyone who asked or answered, by name, each with their items oldest first."""
        people: dict[str, Person] = {}
        for item_id, item in self.content.parliament.items():
            for role, members in (("asked", item.asked_by), ("answered", item.answered_by)):
                for member in members:
                    person = people.setdefault(member.name, Person(member.name, set(), []))
                    person.parties.update([member.party] if member.party else [])
                    person.items.append((role, item_id, item))
        for person in people.values():
            person.items.sort(key=lambda entry: (entry[2].date or "9999", entry[1]))
        return [people[name] for name in sorted(people)]
