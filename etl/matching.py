"""Matching report rows to plan tasks.

Reports are often renumbered 1, 2, 3… and reword titles slightly, so the title decides when the
number and the title disagree. Exact (folded) titles match in O(1); other titles are compared
with the few plan tasks that share the most words with them.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass

from cchc.text import expand_abbreviations, fold, fold_many, similarity

SURE = 0.80  # a title this similar decides on its own
NUMBER_CONFIRM = 0.45  # a number match is taken when the titles are at least this similar
LIKELY = 0.60  # the best title, when clearly ahead of the next one
MARGIN = 0.05
CANDIDATES = 5
SMALL_PLAN = 1000  # up to this many tasks, every task is a candidate


_STOP_WORDS = "va cac cua cho trong theo voi tren nam thuc hien nhiem vu 2025 2026 2027"
_STOP = frozenset(_STOP_WORDS.split())


@dataclass(frozen=True)
class PlanRef:
    code: str
    title: str


@dataclass(frozen=True)
class Match:
    code: str | None
    score: float
    how: str  # exact | title | number | none
    closest: tuple[tuple[str, str, float], ...] = ()  # (code, title, score) when no match


def _key(title: str) -> str:
    return expand_abbreviations(fold(title))


class TaskMatcher:
    def __init__(self, tasks: list[PlanRef]):
        self.tasks = {t.code: t for t in tasks}
        self.by_text: dict[str, list[str]] = defaultdict(list)
        for t in tasks:
            self.by_text[t.title].append(t.code)
        self._indexed = False
        self._codes_folded: dict[str, str] | None = None

    @property
    def codes_folded(self) -> dict[str, str]:
        """Plan codes by their folded form, made on the first number looked up."""
        if self._codes_folded is None:
            codes = list(self.tasks)
            self._codes_folded = {
                k.replace(" ", "."): c for k, c in zip(fold_many(codes), codes, strict=True)
            }
        return self._codes_folded

    def _index(self) -> None:
        """The fuzzy index, built on the first title that is not written exactly as in the
        plan (most reports never need it)."""
        if self._indexed:
            return
        self.by_title: dict[str, list[str]] = defaultdict(list)
        self._postings: dict[str, list[str]] = defaultdict(list)
        self._posting_sets: dict[str, set[str]] = {}
        self._words: dict[str, set[str]] = {}
        codes = list(self.tasks)
        keys = expand_abbreviations("\n".join(fold_many([self.tasks[c].title for c in codes])))
        self._keys = dict(zip(codes, keys.split("\n") if codes else [], strict=True))

        postings = self._postings
        for code, key in self._keys.items():
            self.by_title[key].append(code)
            for w in key.split():
                postings[w].append(code)
        self._indexed = True

    def words(self, code: str) -> set[str]:
        found = self._words.get(code)
        if found is None:
            found = self._words[code] = set(self._keys[code].split())
        return found

    def _posting(self, word: str) -> set[str]:
        """The tasks whose title has `word` (a set made on first use)."""
        found = self._posting_sets.get(word)
        if found is None:
            found = self._posting_sets[word] = set(self._postings.get(word, ()))
        return found

    def _candidates(self, key: str) -> list[str]:
        """The plan tasks sharing the most words with a title. Starting from its rarest word,
        the set of tasks having every word so far is narrowed (set intersections, fast even on
        a national plan); a word that would leave nothing is skipped: it is the reworded one."""
        words = sorted(
            (w for w in set(key.split()) - _STOP if w in self._postings),
            key=lambda w: len(self._postings[w]),
        )
        if not words:
            return []
        mine = set(key.split())
        if len(self.tasks) <= SMALL_PLAN:  # a ward's plan: compare with every task
            return sorted(self.tasks, key=lambda c: (-len(mine & self.words(c)), c))[:CANDIDATES]
        pool = self._posting(words[0])
        for w in words[1:]:
            if len(pool) <= CANDIDATES:
                break
            narrower = pool & self._posting(w)
            if narrower:
                pool = narrower

        def rank(codes: set[str], n: int) -> list[str]:
            return heapq.nsmallest(n, codes, key=lambda c: (-len(mine & self.words(c)), c))

        ranked = rank(pool, CANDIDATES)
        if len(ranked) < CANDIDATES:  # too few to suggest: add titles sharing a rare word
            extra = set().union(
                *(self._posting(w) for w in words[:3] if len(self._postings[w]) <= 500)
            )
            ranked += rank(extra - pool, CANDIDATES - len(ranked))
        return ranked

    def match(self, title: str, number: str = "", section: str | None = None) -> Match:
        same = self.by_text.get(title)
        if same is not None and len(same) == 1:
            return Match(same[0], 1.0, "exact")  # the title exactly as the plan writes it
        self._index()
        key = _key(title)
        exact = self.by_title.get(key)
        if exact and len(exact) == 1:
            return Match(exact[0], 1.0, "exact")
        by_number = self._code_for(number, section)
        scored = sorted(
            ((similarity(title, self.tasks[c].title), c) for c in (exact or self._candidates(key))),
            reverse=True,
        )[:3]

        best_score, best = scored[0] if scored else (0.0, None)
        if exact and by_number in exact:
            return Match(by_number, 1.0, "exact")
        tied = [c for s, c in scored if best is not None and s == best_score]
        if best is not None and best_score >= SURE and len(tied) == 1:
            return Match(best, best_score, "title")
        if best is not None and best_score >= SURE and by_number in tied:
            return Match(by_number, best_score, "number")
        if best is not None and best_score >= SURE:
            closest = tuple((c, self.tasks[c].title, best_score) for c in sorted(tied))
            return Match(None, best_score, "ambiguous", closest)

        if by_number is not None:
            s = similarity(title, self.tasks[by_number].title)
            if s >= NUMBER_CONFIRM:
                return Match(by_number, s, "number")
        second = scored[1][0] if len(scored) > 1 else 0.0
        if best is not None and best_score >= LIKELY and best_score - second >= MARGIN:
            return Match(best, best_score, "title")
        closest = tuple((c, self.tasks[c].title, s) for s, c in scored[:3])
        return Match(None, best_score, "none", closest)

    def _code_for(self, number: str, section: str | None) -> str | None:
        n = fold(number).replace(" ", ".")
        if not n:
            return None
        if n in self.codes_folded:
            return self.codes_folded[n]
        if section and f"{fold(section)}.{n}" in self.codes_folded:
            return self.codes_folded[f"{fold(section)}.{n}"]
        return None
