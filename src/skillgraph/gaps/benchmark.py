"""A programme against its peers: the programmes of the same type that prepare for the same job family.

Two measures:

* the **score rank**: the programme's place among its peers by overall coverage of the
  family's requirements (``coverage``), guaranteed and possible;
* the **topic coverage**: how many of the family's topics the programme teaches, against the
  best and the median peer ("your master covers 3 of the 4 regulatory topics; the best covers
  4; the median 2"). The topics are the distinct topics of the family's required skills,
  optionally only those under one topic of the scheme (``subtree="regulation"``: regulation
  and everything narrower). A topic counts as covered when a module teaches it or a narrower
  topic; with ``basis="guaranteed"`` only the mandatory modules of the core count (what every
  graduate has), with ``basis="possible"`` the best admissible choice of options counts too.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass
from typing import Literal

from ..errors import ReportError, SkillgraphError
from .coverage import _selections, coverage
from .matrix import resolve_family, resolve_programme, resolve_topic
from .model import SG, GapModel, Module, short

__all__ = ["Benchmark", "PeerResult", "benchmark", "covered_topics", "family_topics"]

Basis = Literal["guaranteed", "possible"]



def family_topics(model: GapModel, family_iri: str, subtree: str | None = None) -> list[str]:
    """The distinct topics of the family's required skills (only those at or under ``subtree``)."""
    topics = {t for r in model.families[family_iri].requirements for t in model.skills[r.skill].topics}
    if subtree is not None:
        topics = {t for t in topics if subtree in model.ancestors.get(t, {t})}
    return sorted(topics, key=lambda t: (model.label(t).casefold(), t))


def _taught(model: GapModel, modules: list[Module]) -> set[str]:
    """Every topic a set of modules teaches, with the broader topics that teaching counts for."""
    out: set[str] = set()
    for module in modules:
        for topic in module.topics:
            out |= model.ancestors.get(topic, {topic})
    return out


def covered_topics(model: GapModel, programme_iri: str, topics: list[str], basis: Basis = "guaranteed") -> set[str]:
    """The topics among ``topics`` the programme covers (mandatory core, or best choice of options)."""
    if basis not in ("guaranteed", "possible"):
        raise ValueError(f"basis must be 'guaranteed' or 'possible', not {basis!r}")
    programme = model.programmes[programme_iri]
    core = [model.modules[m] for m in programme.core]
    wanted = set(topics)
    if basis == "guaranteed":
        return wanted & _taught(model, [m for m in core if m.status == "mandatory"])
    best: set[str] = set()
    for selection in _selections(programme):
        chosen = core + [model.modules[m] for g in programme.groups for o in selection for m in g.options.get(o, [])]
        found = wanted & _taught(model, chosen)
        if len(found) > len(best):
            best = found
    return best


@dataclass(frozen=True)
class PeerResult:
    programme: str
    guaranteed: float
    possible: float
    rank_guaranteed: int  # 1 = best; ties share the better rank
    rank_possible: int
    covered_topics: tuple[str, ...]


@dataclass
class Benchmark:
    programme: str
    family: str
    programme_type: str
    basis: str
    subtree: str | None
    topics: tuple[str, ...]
    peers: list[PeerResult]  # every peer, the programme included, best first
    sentence_fr: str = ""
    sentence_en: str = ""

    @property
    def me(self) -> PeerResult:
        return next(p for p in self.peers if p.programme == self.programme)

    @property
    def n_peers(self) -> int:
        return len(self.peers)

    @property
    def covered(self) -> int:
        return len(self.me.covered_topics)

    @property
    def best_topics(self) -> int:
        return max(len(p.covered_topics) for p in self.peers)

    @property
    def median_topics(self) -> float:
        return float(statistics.median(len(p.covered_topics) for p in self.peers))

    def topic_counts(self) -> dict[str, int]:
        """For each topic, how many peers cover it."""
        return {t: sum(t in p.covered_topics for p in self.peers) for t in self.topics}

    def sentence(self, lang: str = "fr") -> str:
        return self.sentence_en if lang == "en" else self.sentence_fr


def _ranks(values: dict[str, float]) -> dict[str, int]:
    """Competition ranking (1, 2, 2, 4): ties share the better rank."""
    ordered = sorted(values.values(), reverse=True)
    return {k: 1 + sum(1 for v in ordered if v > value + 1e-12) for k, value in values.items()}


def benchmark(
    model: GapModel,
    programme: str,
    family: str | None = None,
    subtree: str | None = None,
    basis: Basis = "guaranteed",
) -> Benchmark:
    """Benchmark ``programme`` (identifier or IRI) against the programmes of its type preparing for
    ``family`` (default: the one family it prepares for)."""
    programme_iri = resolve_programme(model, programme)
    prog = model.programmes[programme_iri]
    if family is None:
        if len(prog.prepares_for) != 1:
            names = ", ".join(sorted(short(f) for f in prog.prepares_for)) or "none"
            raise ReportError(
                f"programme '{short(programme_iri)}' prepares for several job families ({names}): name one"
            )
        family_iri = next(iter(prog.prepares_for))
    else:
        family_iri = resolve_family(model, family)
    subtree_iri = resolve_topic(model, subtree) if subtree else None
    if basis not in ("guaranteed", "possible"):
        raise ValueError(f"basis must be 'guaranteed' or 'possible', not {basis!r}")

    peers = sorted(
        {p for p, other in model.programmes.items() if other.type == prog.type and family_iri in other.prepares_for}
        | {programme_iri}
    )
    topics = family_topics(model, family_iri, subtree_iri)
    scores = {p: coverage(model, p, family_iri).overall for p in peers}
    rank_g = _ranks({p: s.guaranteed for p, s in scores.items()})
    rank_p = _ranks({p: s.possible for p, s in scores.items()})
    results = [
        PeerResult(
            programme=p,
            guaranteed=scores[p].guaranteed,
            possible=scores[p].possible,
            rank_guaranteed=rank_g[p],
            rank_possible=rank_p[p],
            covered_topics=tuple(t for t in topics if t in covered_topics(model, p, topics, basis)),
        )
        for p in peers
    ]
    main_rank = (lambda r: r.rank_guaranteed) if basis == "guaranteed" else (lambda r: r.rank_possible)
    results.sort(key=lambda r: (main_rank(r), r.rank_possible + r.rank_guaranteed, -len(r.covered_topics),
                                model.label(r.programme).casefold()))
    result = Benchmark(
        programme=programme_iri,
        family=family_iri,
        programme_type=prog.type,
        basis=basis,
        subtree=subtree_iri,
        topics=tuple(topics),
        peers=results,
    )
    result.sentence_fr = _sentence(model, result, "fr")
    result.sentence_en = _sentence(model, result, "en")
    return result


# -- sentences -----------------------------------------------------------------------------


def _ordinal(rank: int, tied: bool, lang: str) -> str:
    if lang == "fr":
        text = "au 1er rang" if rank == 1 else f"au {rank}e rang"
        return text + (" ex aequo" if tied else "")
    suffix = "th" if 10 <= rank % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(rank % 10, "th")
    return ("joint " if tied else "") + f"{rank}{suffix}"


def _number(value: float, lang: str) -> str:
    text = f"{value:g}" if value != int(value) else str(int(value))
    return text.replace(".", ",") if lang == "fr" else text


def _percent(value: float, lang: str) -> str:
    return f"{value * 100:.0f}\u00a0%" if lang == "fr" else f"{value * 100:.0f}%"


def _sentence(model: GapModel, b: Benchmark, lang: str) -> str:
    me = b.me
    n = b.n_peers
    tied_g = sum(p.rank_guaranteed == me.rank_guaranteed for p in b.peers) > 1
    tied_p = sum(p.rank_possible == me.rank_possible for p in b.peers) > 1
    label = model.label(b.programme, lang)
    providers = ", ".join(sorted(model.label(p, lang) for p in model.programmes[b.programme].providers))
    kind = model.label(SG + b.programme_type, lang)
    family = model.label(b.family, lang)
    k, total, best, median = b.covered, len(b.topics), b.best_topics, b.median_topics
    if lang == "fr":
        if n == 1:
            opening = (
                f"« {label} » ({providers}) est la seule formation « {kind} » de l'étude préparant au métier "
                f"« {family} » : couverture possible {_percent(me.possible, lang)}, garantie {_percent(me.guaranteed, lang)}."
            )
        else:
            opening = (
                f"« {label} » ({providers}) se classe {_ordinal(me.rank_possible, tied_p, lang)} sur {n} "
                f"formations « {kind} » préparant au métier « {family} » en couverture possible "
                f"({_percent(me.possible, lang)}) et {_ordinal(me.rank_guaranteed, tied_g, lang)} en couverture "
                f"garantie ({_percent(me.guaranteed, lang)})."
            )
        basis = "modules obligatoires" if b.basis == "guaranteed" else "en comptant les modules au choix"
        scope = f"relevant de « {model.label(b.subtree, lang)} »" if b.subtree else "requis par le métier"
        if total == 0:
            topics = f"Le métier ne requiert aucun thème {scope}."
        elif total == 1:
            covering = sum(1 for p in b.peers if p.covered_topics)
            others = covering - (1 if k else 0)
            name = model.label(b.topics[0], lang)
            if n == 1:
                topics = f"La formation {'' if k else 'ne '}couvre {'' if k else 'pas '}le thème « {name} » ({basis})."
            elif k and others == 0:
                topics = f"La formation couvre le thème « {name} » ({basis}) ; elle est la seule sur {n}."
            elif k:
                topics = (f"La formation couvre le thème « {name} » ({basis}), comme {others} autre"
                          f"{'s' if others > 1 else ''} sur {n - 1}.")
            elif covering == 0:
                topics = f"La formation ne couvre pas le thème « {name} » ({basis}) ; aucune des {n} ne le couvre."
            else:
                topics = (f"La formation ne couvre pas le thème « {name} » ({basis}) ; {covering} formation"
                          f"{'s' if covering > 1 else ''} sur {n} le couvre{'nt' if covering > 1 else ''}.")
        else:
            topics = f"La formation couvre {k} des {total} thèmes {scope} ({basis})" + (
                f" ; la meilleure en couvre {best}, la médiane {_number(median, lang)}." if n > 1 else ".")
        return f"{opening} {topics}"
    if n == 1:
        opening = (
            f"“{label}” ({providers}) is the only “{kind}” programme of the study preparing for “{family}”: "
            f"possible coverage {_percent(me.possible, lang)}, guaranteed {_percent(me.guaranteed, lang)}."
        )
    else:
        opening = (
            f"“{label}” ({providers}) ranks {_ordinal(me.rank_possible, tied_p, lang)} of {n} “{kind}” programmes"
            f" preparing for “{family}” on possible coverage ({_percent(me.possible, lang)}) and "
            f"{_ordinal(me.rank_guaranteed, tied_g, lang)} on guaranteed coverage ({_percent(me.guaranteed, lang)})."
        )
    basis = "mandatory modules" if b.basis == "guaranteed" else "counting elective and optional modules"
    scope = f"under “{model.label(b.subtree, lang)}”" if b.subtree else "the job requires"
    if total == 0:
        topics = f"The job requires no topic {scope}."
    elif total == 1:
        covering = sum(1 for p in b.peers if p.covered_topics)
        others = covering - (1 if k else 0)
        name = model.label(b.topics[0], lang)
        if n == 1:
            topics = f"It {'covers' if k else 'does not cover'} the “{name}” topic ({basis})."
        elif k and others == 0:
            topics = f"It covers the “{name}” topic ({basis}), the only one of the {n} programmes to do so."
        elif k:
            topics = f"It covers the “{name}” topic ({basis}), as do {others} of the {n - 1} other programmes."
        elif covering == 0:
            topics = f"It does not cover the “{name}” topic ({basis}); none of the {n} programmes does."
        else:
            topics = f"It does not cover the “{name}” topic ({basis}); {covering} of the {n} programmes do."
    else:
        topics = f"It covers {k} of the {total} topics {scope} ({basis})" + (
            f"; the best programme covers {best}, the median {_number(median, lang)}." if n > 1 else ".")
    return f"{opening} {topics}"
