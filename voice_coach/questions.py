"""The interview question bank, read from ``voice_coach/data/questions.toml``."""

from __future__ import annotations

import functools
import random
import tomllib
from dataclasses import dataclass
from importlib import resources

from voice_coach.errors import ConfigError

__all__ = ["CHECK_IDS", "Question", "custom_question", "get_question", "load_questions",
           "random_question"]

#: The content check ids of shared/CONTENT.md, in report order.
CHECK_IDS: tuple[str, ...] = (
    "results_framing",
    "hiring_manager_focus",
    "supplicant_language",
    "delivery_promises",
    "not_after_your_job",
    "skills_growth",
    "engagement",
    "personal_value_trap",
)


@dataclass(frozen=True, slots=True)
class Question:
    """One interview question.

    Attributes
    ----------
    id : str
        Stable identifier (``"five-years"``); ``"custom"`` for a question the user typed.
    text : str
        The question as it is asked.
    category : str
        A coarse grouping (``"motivation"``, ``"experience"`` ...).
    emphasis : tuple of str
        Content check ids that weigh most for this question.
    tip : str
        One or two sentences on what a strong answer does.
    """

    id: str
    text: str
    category: str = "custom"
    emphasis: tuple[str, ...] = ()
    tip: str = ""

    def __post_init__(self) -> None:
        unknown = [c for c in self.emphasis if c not in CHECK_IDS]
        if unknown:
            raise ConfigError(
                f"question {self.id!r} emphasises unknown check(s) {unknown}; "
                f"known checks are {', '.join(CHECK_IDS)}"
            )

    def to_dict(self) -> dict[str, object]:
        """Return the ``{id, text}`` object of the report (plus category and emphasis)."""
        return {"id": self.id, "text": self.text, "category": self.category,
                "emphasis": list(self.emphasis)}

    @classmethod
    def from_dict(cls, data: dict[str, object]) -> Question:
        """Rebuild a question from :meth:`to_dict` output."""
        return cls(
            id=str(data["id"]),
            text=str(data["text"]),
            category=str(data.get("category", "custom")),
            emphasis=tuple(str(c) for c in data.get("emphasis", ()) or ()),  # type: ignore[union-attr]
            tip=str(data.get("tip", "")),
        )


@functools.cache
def load_questions() -> tuple[Question, ...]:
    """Read the bundled question bank.

    Returns
    -------
    tuple of Question
        Every question in the bank, in file order.
    """
    raw = resources.files("voice_coach").joinpath("data/questions.toml").read_text("utf-8")
    table = tomllib.loads(raw)
    return tuple(
        Question(
            id=q["id"], text=q["text"], category=q.get("category", "general"),
            emphasis=tuple(q.get("emphasis", ())), tip=q.get("tip", ""),
        )
        for q in table["question"]
    )


def get_question(question_id: str) -> Question:
    """Return the bank question with this id.

    Raises
    ------
    ConfigError
        If no question has that id; the message lists the known ids.
    """
    for question in load_questions():
        if question.id == question_id:
            return question
    known = ", ".join(q.id for q in load_questions())
    raise ConfigError(f"no question with id {question_id!r}; known ids: {known}")


def random_question(*, rng: random.Random | None = None,
                    exclude: str | None = None) -> Question:
    """Pick a question at random, optionally not the one with id ``exclude``."""
    pool = [q for q in load_questions() if q.id != exclude] or list(load_questions())
    return (rng or random).choice(pool)


def custom_question(text: str) -> Question:
    """Wrap a question the user typed.

    Raises
    ------
    ConfigError
        If the text is empty or longer than 500 characters.
    """
    cleaned = " ".join(text.split())
    if not cleaned:
        raise ConfigError("the question text is empty; type the question you are answering")
    if len(cleaned) > 500:
        raise ConfigError(f"the question text is {len(cleaned)} characters; the limit is 500")
    return Question(id="custom", text=cleaned, category="custom")
