// Reads VTIMEZONE components with ical.js and gives the UTC offset it applies to local wall-clock
// times, the way it places an event's DTSTART;TZID=...: to check each zone the site writes against
// the IANA data (Python's zoneinfo), zone by zone.
//
// Usage: node offsets.mjs < input.json, where input is {tzid: [vtimezoneText, ["YYYY-MM-DDTHH:MM:SS", ...]]}.
// Prints JSON {tzid: [offsetSeconds, ...]}.
import { readFileSync } from "node:fs";
import ICAL from "ical.js";

const input = JSON.parse(readFileSync(0, "utf8"));
const out = {};
for (const [tzid, [text, times]] of Object.entries(input)) {
  const zone = new ICAL.Timezone(new ICAL.Component(ICAL.parse(text)));
  out[tzid] = times.map((local) => zone.utcOffset(ICAL.Time.fromDateTimeString(local)));
}
process.stdout.write(JSON.stringify(out));
