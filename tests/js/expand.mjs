// Expands every event of the given .ics files with Mozilla's ical.js, the library of Thunderbird
// and Nextcloud Calendar, the way those apps do: times are read with the VTIMEZONE embedded in the
// file (nothing is registered in ical.js's TimezoneService, so a missing or wrong zone shows),
// moved occurrences (RECURRENCE-ID) replace the ones they move, EXDATEs drop theirs.
//
// Usage: node expand.mjs FROM UNTIL FILE...   (FROM, UNTIL: ISO dates, UTC)
// Prints JSON: {file: [[uid, startUTC, endUTC, status], ...]} for occurrences starting in [FROM, UNTIL).
// All-day occurrences are given as dates (YYYY-MM-DD), timed ones as YYYY-MM-DDTHH:MM:SSZ.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const [from, until, ...files] = process.argv.slice(2);
const lo = ICAL.Time.fromDateTimeString(`${from}T00:00:00Z`);
const hi = ICAL.Time.fromDateTimeString(`${until}T00:00:00Z`);
const MAX_OCCURRENCES = 100000; // a guard against a rule that never ends in the window

function utc(time) {
  if (time.isDate) return time.toString();
  return time.convertToZone(ICAL.Timezone.utcTimezone).toString();
}

function inWindow(time) {
  // All-day dates are compared as floating midnight, the way a calendar view places them.
  const t = time.isDate ? ICAL.Time.fromDateTimeString(`${time.toString()}T00:00:00Z`) : time;
  return t.compare(lo) >= 0 && t.compare(hi) < 0;
}

const out = {};
for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const vevents = root.getAllSubcomponents("vevent");
  const masters = new Map();
  const exceptions = [];
  for (const comp of vevents) {
    (comp.hasProperty("recurrence-id") ? exceptions : []).push(comp);
    if (!comp.hasProperty("recurrence-id")) masters.set(comp.getFirstPropertyValue("uid"), new ICAL.Event(comp));
  }
  for (const comp of exceptions) {
    const master = masters.get(comp.getFirstPropertyValue("uid"));
    if (master) master.relateException(comp);
  }
  const rows = [];
  for (const [uid, event] of masters) {
    const push = (start, end, item) => {
      if (inWindow(start)) rows.push([uid, utc(start), utc(end), item.component.getFirstPropertyValue("status")]);
    };
    if (!event.isRecurring()) {
      push(event.startDate, event.endDate, event);
      continue;
    }
    const it = event.iterator();
    let next;
    let n = 0;
    while ((next = it.next()) && n++ < MAX_OCCURRENCES) {
      const details = event.getOccurrenceDetails(next);
      if (details.startDate.compare(hi) >= 0 && next.compare(hi) >= 0) break;
      push(details.startDate, details.endDate, details.item);
    }
  }
  out[file] = rows;
}
process.stdout.write(JSON.stringify(out));
