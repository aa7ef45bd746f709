"""The recommendations' words for their data: statuses (with a glyph each, so a badge does not rely on
colour alone), priorities, feasibility, the roles of a cycle's people. Keys marked with N_ for Babel."""

from __future__ import annotations

from coopsite.core.i18n.ui import N_, t
from coopsite.types.recommendations.model import Status

STATUS = {
    Status.SUBMITTED: N_("status_submitted"), Status.UNDER_REVIEW: N_("status_under-review"),
    Status.ACCEPTED: N_("status_accepted"), Status.IN_PROGRESS: N_("status_in-progress"),
    Status.DONE: N_("status_done"), Status.POSTPONED: N_("status_postponed"),
    Status.TO_ELABORATE: N_("status_to-elaborate"), Status.NOT_FEASIBLE: N_("status_not-feasible"),
}
STATUS_COUNT = {
    Status.SUBMITTED: N_("status_count_submitted"), Status.UNDER_REVIEW: N_("status_count_under-review"),
    Status.ACCEPTED: N_("status_count_accepted"), Status.IN_PROGRESS: N_("status_count_in-progress"),
    Status.DONE: N_("status_count_done"), Status.POSTPONED: N_("status_count_postponed"),
    Status.TO_ELABORATE: N_("status_count_to-elaborate"), Status.NOT_FEASIBLE: N_("status_count_not-feasible"),
}
PRIORITY = {"high": N_("priority_high"), "normal": N_("priority_normal"), "low": N_("priority_low")}
FEASIBLE = {True: N_("feasible_yes"), False: N_("feasible_no"), None: N_("feasible_unknown")}
PEOPLE = {"secretaries": N_("people_secretaries"), "moderators": N_("people_moderators"),
          "participants": N_("people_participants")}
STATUS_ICONS = {
    # a distinct glyph per status, so the badge does not rely on colour alone
    Status.SUBMITTED: "○", Status.UNDER_REVIEW: "◔", Status.ACCEPTED: "◑", Status.IN_PROGRESS: "◕",
    Status.DONE: "●", Status.POSTPONED: "◌", Status.TO_ELABORATE: "◇", Status.NOT_FEASIBLE: "✕",
}


def status_label(status: Status, lang: str) -> str:
    return t(lang, STATUS[status])


def badge_data(status: Status, lang: str) -> dict:
    return {"value": status.value, "icon": STATUS_ICONS[status], "label": status_label(status, lang)}
