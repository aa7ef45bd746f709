"""The interface text of values that come from data (a status, a role, a frequency): one table per
kind, the keys marked with N_ so that Babel extracts them and the completeness test covers them."""

from __future__ import annotations

from coopsite.core.i18n.ui import N_
from coopsite.core.model import Status

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
FREQUENCY = {"DAILY": N_("freq_DAILY"), "WEEKLY": N_("freq_WEEKLY"), "MONTHLY": N_("freq_MONTHLY"),
             "YEARLY": N_("freq_YEARLY")}
EVERY_N = {"DAILY": N_("freq_n_DAILY"), "WEEKLY": N_("freq_n_WEEKLY"), "MONTHLY": N_("freq_n_MONTHLY"),
           "YEARLY": N_("freq_n_YEARLY")}
EPISODE_TYPE = {"trailer": N_("podcast_type_trailer"), "bonus": N_("podcast_type_bonus")}
PODCAST_ROLE = {
    "host": N_("podcast_role_host"), "co-host": N_("podcast_role_co-host"),
    "guest host": N_("podcast_role_guest host"), "guest": N_("podcast_role_guest"),
    "narrator": N_("podcast_role_narrator"), "announcer": N_("podcast_role_announcer"),
    "reporter": N_("podcast_role_reporter"), "voice actor": N_("podcast_role_voice actor"),
    "producer": N_("podcast_role_producer"), "executive producer": N_("podcast_role_executive producer"),
    "writer": N_("podcast_role_writer"), "editor": N_("podcast_role_editor"),
    "researcher": N_("podcast_role_researcher"), "transcriber": N_("podcast_role_transcriber"),
    "audio editor": N_("podcast_role_audio editor"), "sound designer": N_("podcast_role_sound designer"),
    "composer": N_("podcast_role_composer"), "theme music": N_("podcast_role_theme music"),
    "cover art designer": N_("podcast_role_cover art designer"),
}
TRANSLATION_STATE = {"missing": N_("translation_missing"), "outdated": N_("translation_outdated_short")}


def language_name(lang: str, in_lang: str) -> str:
    """'néerlandais', 'Nederlands', 'Dutch': from CLDR (Babel), not from a list of our own."""
    from babel import Locale

    return Locale.parse(lang).get_display_name(Locale.parse(in_lang))
