"""Quarter arithmetic shared by every yearly step (the calendar, the year planning): a year
and a quarter (1–4) that can be compared, added and parsed. A leaf module: it imports no
app, so every app may use it."""

import re
from dataclasses import dataclass
from datetime import date
from functools import total_ordering

# Choices for a model field holding a quarter number.
KWARTALEN = [(k, f"K{k}") for k in range(1, 5)]

_PATROON = re.compile(
    r"^\s*(?:(\d{4})\s*[-/ ]?\s*[KQ]([1-4])|[KQ]([1-4])\s*[-/ ]?\s*(\d{4}))\s*$", re.I
)


@total_ordering
@dataclass(frozen=True)
class Kwartaal:
    jaar: int
    kwartaal: int

    def __post_init__(self):
        if not 1 <= self.kwartaal <= 4:
            raise ValueError(f"Een kwartaal is 1 tot en met 4, niet {self.kwartaal}.")

    def __lt__(self, other: "Kwartaal") -> bool:
        return (self.jaar, self.kwartaal) < (other.jaar, other.kwartaal)

    def __add__(self, aantal: int) -> "Kwartaal":
        index = self.jaar * 4 + (self.kwartaal - 1) + aantal
        return Kwartaal(index // 4, index % 4 + 1)

    def __sub__(self, other: "Kwartaal") -> int:
        """The number of quarters from `other` to this one."""
        return (self.jaar * 4 + self.kwartaal) - (other.jaar * 4 + other.kwartaal)

    def __str__(self) -> str:
        return f"K{self.kwartaal} {self.jaar}"

    @property
    def eerste_dag(self) -> date:
        return date(self.jaar, 3 * (self.kwartaal - 1) + 1, 1)

    @classmethod
    def van_datum(cls, datum: date) -> "Kwartaal":
        return cls(datum.year, (datum.month - 1) // 3 + 1)

    @classmethod
    def parse(cls, tekst: str) -> "Kwartaal":
        """'2025 K2', '2025-Q2', 'K2 2025' or 'Q2-2025'."""
        match = _PATROON.match(tekst or "")
        if not match:
            raise ValueError(f"'{tekst}' is geen kwartaal; schrijf bijvoorbeeld 'K2 2025'.")
        jaar, kwartaal = (match[1], match[2]) if match[1] else (match[4], match[3])
        return cls(int(jaar), int(kwartaal))


def kwartalen_van_jaar(jaar: int) -> list[Kwartaal]:
    return [Kwartaal(jaar, k) for k in range(1, 5)]
