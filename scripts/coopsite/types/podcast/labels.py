"""The podcast's words for its data: kinds of episodes, roles of the people in them (Podcasting 2.0's
list). Keys marked with N_ for Babel."""

from __future__ import annotations

from coopsite.core.i18n.ui import N_

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
