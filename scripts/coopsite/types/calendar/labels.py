"""The calendar's words for its data: how often an event recurs. Keys marked with N_ for Babel."""

from __future__ import annotations

from coopsite.core.i18n.ui import N_

FREQUENCY = {"DAILY": N_("freq_DAILY"), "WEEKLY": N_("freq_WEEKLY"), "MONTHLY": N_("freq_MONTHLY"),
             "YEARLY": N_("freq_YEARLY")}
EVERY_N = {"DAILY": N_("freq_n_DAILY"), "WEEKLY": N_("freq_n_WEEKLY"), "MONTHLY": N_("freq_n_MONTHLY"),
           "YEARLY": N_("freq_n_YEARLY")}
