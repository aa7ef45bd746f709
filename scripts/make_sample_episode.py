#!/usr/bin/env python3
"""Regenerate the sample podcast episode and the show's jingles and artwork.

    .venv/bin/python scripts/make_sample_episode.py          # episode + show assets
    .venv/bin/python scripts/make_sample_episode.py --show   # only jingles and artwork

Needs espeak-ng (Debian: apt-get install espeak-ng) for the voice; ffmpeg comes
from the pinned imageio-ffmpeg wheel. Writes, and overwrites:

    podcasts/sip-2020-2021-samenvatting/  master.ogg (mono Opus), transcript.{nl,fr,en}.vtt, episode.yml
    podcasts/_show/                        intro.flac, outro.flac, artwork.png (1400x1400)

The episode is a spoken summary of the report, read by a speech synthesizer
(eSpeak NG, voice "nl"); its description says so. Each sentence below is one
transcript cue; chapter and cue times are measured on the generated master.
The French and English transcripts are translations of the Dutch text, with the
same times. The jingles are a few synthesised notes.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
import wave
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SLUG = "sip-2020-2021-samenvatting"
EPISODE = ROOT / "podcasts" / SLUG
SHOW = ROOT / "podcasts" / "_show"
VOICE, SPEED, PITCH = "nl", 182, 45
LEAD_IN, SENTENCE_GAP, CHAPTER_GAP, LEAD_OUT = 1.2, 0.45, 0.9, 1.5
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

# (chapter title per language, [(nl, fr, en) sentences])
SCRIPT = [
    ({"nl": "Inleiding", "fr": "Introduction", "en": "Introduction"}, [
        ("Welkom bij de podcast van Smart in Progress.",
         "Bienvenue dans le podcast de Smart in Progress.",
         "Welcome to the Smart in Progress podcast."),
        ("Deze stem is een spraaksynthesizer. Je hoort een korte samenvatting van het verslag "
         "Smart in Progress 2020-2021.",
         "Cette voix est une synthèse vocale. Vous entendez un bref résumé du rapport "
         "Smart in Progress 2020-2021.",
         "This voice is a speech synthesizer. You are hearing a short summary of the report "
         "Smart in Progress 2020-2021."),
        ("Het thema was: nieuwe vooruitzichten na de gezondheidscrisis.",
         "Le thème était : nouvelles perspectives après la crise sanitaire.",
         "The theme was: new prospects after the health crisis."),
        ("Vijf werkgroepen, in België en Frankrijk, werkten rond dit thema.",
         "Cinq groupes de travail, en Belgique et en France, ont travaillé sur ce thème.",
         "Five working groups, in Belgium and France, worked on this theme."),
    ]),
    ({"nl": "Economisch model en lobbying", "fr": "Modèle économique et lobbying",
      "en": "Economic model and lobbying"}, [
        ("Over het economisch model stellen de groepen voor dat vennoten vrijwillig bijdragen aan het "
         "solidariteitsfonds, met een toeslag op hun offerte.",
         "Sur le modèle économique, les groupes proposent que les sociétaires contribuent volontairement au "
         "fonds de solidarité, par un supplément sur leur devis.",
         "On the economic model, the groups propose that members contribute voluntarily to the solidarity "
         "fund, through a surcharge on their quote."),
        ("Ze vragen ook een knop om een gift te doen voor een goed doel in de culturele sector.",
         "Ils demandent aussi un bouton pour faire un don à une bonne cause du secteur culturel.",
         "They also ask for a button to donate to a good cause in the cultural sector."),
        ("Over lobbying vragen ze dat Smart de vennoten betrekt vanaf het begin, en lobbyt voor tijdelijke "
         "werkloosheid, het kunstenaarsstatuut en een basisinkomen.",
         "Sur le lobbying, ils demandent que Smart associe les sociétaires dès le début, et défende le chômage "
         "temporaire, le statut d'artiste et un revenu de base.",
         "On lobbying, they ask Smart to involve the members from the start, and to lobby for temporary "
         "unemployment, the artist status and a basic income."),
    ]),
    ({"nl": "Communicatie en begeleiding", "fr": "Communication et accompagnement",
      "en": "Communication and support"}, [
        ("Over communicatie vragen de groepen betere informatie per beroepssector, websites in het Nederlands, "
         "het Frans en het Engels, en een online kalender met activiteiten voor de leden.",
         "Sur la communication, les groupes demandent une meilleure information par secteur professionnel, des "
         "sites web en néerlandais, en français et en anglais, et un calendrier en ligne des activités pour les "
         "membres.",
         "On communication, the groups ask for better information per professional sector, websites in Dutch, "
         "French and English, and an online calendar of activities for the members."),
        ("Over begeleiding vragen ze meer steun voor freelancers in crisis, en hulp bij professionele "
         "omscholing.",
         "Sur l'accompagnement, ils demandent plus de soutien aux indépendants en crise, et de l'aide pour la "
         "reconversion professionnelle.",
         "On support, they ask for more help for freelancers in crisis, and for help with professional "
         "retraining."),
    ]),
    ({"nl": "Netwerken en de coöperatie", "fr": "Réseaux et coopérative", "en": "Networks and the cooperative"}, [
        ("Veel aanbevelingen gaan over netwerken: productievergaderingen, sectornetwerken, wederzijdse hulp "
         "tussen vennoten, en opleidingen door en voor de leden.",
         "Beaucoup de recommandations portent sur les réseaux : des réunions de production, des réseaux "
         "sectoriels, l'entraide entre sociétaires, et des formations par et pour les membres.",
         "Many recommendations are about networks: production meetings, sector networks, mutual help between "
         "members, and training by and for the members."),
        ("Over de coöperatie zelf stellen de groepen een participatief budget voor, veilige ontmoetingsruimten "
         "en coworkingruimten in alle kantoren.",
         "Sur la coopérative elle-même, les groupes proposent un budget participatif, des espaces de rencontre "
         "sûrs et des espaces de coworking dans tous les bureaux.",
         "On the cooperative itself, the groups propose a participatory budget, safe meeting spaces, and "
         "coworking spaces in every office."),
        ("En ze vragen een kanaal waar vennoten zelf het woord nemen, vooral in de vorm van een audiopodcast.",
         "Et ils demandent un canal où les sociétaires prennent eux-mêmes la parole, surtout sous la forme d'un "
         "podcast audio.",
         "And they ask for a channel where members speak out themselves, mainly in the form of an audio "
         "podcast."),
    ]),
    ({"nl": "De werkgroep van Nantes", "fr": "Le groupe de travail de Nantes", "en": "The Nantes working group"}, [
        ("De werkgroep van Nantes vraagt dat Smart over elke aanbeveling feedback geeft: is ze haalbaar of niet, "
         "en waarom.",
         "Le groupe de travail de Nantes demande que Smart fasse un retour sur chaque recommandation : est-elle "
         "réalisable ou non, et pourquoi.",
         "The Nantes working group asks Smart to give feedback on every recommendation: is it feasible or not, "
         "and why."),
        ("Ze vraagt ook infopunten, lokale raden van bestuur, en een sterkere rol voor het ethisch comité.",
         "Il demande aussi des points d'information, des conseils d'administration locaux, et un rôle renforcé "
         "pour le comité d'éthique.",
         "It also asks for information points, local boards of directors, and a stronger role for the ethics "
         "committee."),
    ]),
    ({"nl": "Afsluiting", "fr": "Conclusion", "en": "Closing"}, [
        # The recording shipped before issue 17 said "with the cooperative's answer": no answer is
        # published. episode.yml carries a correction until the audio is made again from this text.
        ("Alle aanbevelingen en hoe ver ze staan, vind je op deze site, en de antwoorden van de coöperatie "
         "zodra ze gegeven zijn.",
         "Toutes les recommandations et leur état d'avancement se trouvent sur ce site, ainsi que les réponses "
         "de la coopérative dès qu'elles sont données.",
         "All the recommendations and where they stand are on this site, and the cooperative's answers as "
         "they are given."),
        ("Bedankt voor het luisteren.", "Merci de votre écoute.", "Thank you for listening."),
    ]),
]

LANGS = ("nl", "fr", "en")
TRANSLATED_NOTE = {
    "fr": "Traduit du néerlandais : la voix de l'épisode lit le texte néerlandais.",
    "en": "Translated from Dutch: the episode's voice reads the Dutch text.",
}


def ffmpeg() -> str:
    sys.path.insert(0, str(ROOT / "scripts"))
    from coopsite.audio.ffmpeg import exe

    return exe()


def run(*cmd: str) -> None:
    proc = subprocess.run(cmd, capture_output=True)
    if proc.returncode:
        sys.exit(f"failed: {' '.join(cmd)[:200]}...\n{proc.stderr.decode(errors='replace')[-800:]}")


def speak(text: str, out: Path) -> None:
    if not shutil.which("espeak-ng"):
        sys.exit("espeak-ng is needed for the voice: apt-get install espeak-ng")
    run("espeak-ng", "-v", VOICE, "-s", str(SPEED), "-p", str(PITCH), "-w", str(out), text)


def make_master(tmp: Path) -> tuple[list[float], list[tuple[float, float]]]:
    """Speak every sentence, join them with pauses; returns chapter starts and cue (start, end) times."""
    frames, rate = bytearray(), None
    chapter_starts, cues = [], []

    def silence(seconds: float) -> None:
        frames.extend(b"\0\0" * int(rate * seconds))

    for c, (_, sentences) in enumerate(SCRIPT):
        for s, (nl, _fr, _en) in enumerate(sentences):
            wav = tmp / f"s{c}-{s}.wav"
            speak(nl, wav)
            with wave.open(str(wav)) as w:
                assert w.getnchannels() == 1 and w.getsampwidth() == 2
                rate = rate or w.getframerate()
                data = w.readframes(w.getnframes())
            if not frames:
                silence(LEAD_IN)
            elif s == 0:
                silence(CHAPTER_GAP)
            else:
                silence(SENTENCE_GAP)
            start = len(frames) / 2 / rate
            if s == 0:
                chapter_starts.append(0.0 if c == 0 else round(start - 0.3, 1))
            frames.extend(data)
            cues.append((round(start, 3), round(len(frames) / 2 / rate, 3)))
    silence(LEAD_OUT)
    joined = tmp / "master.wav"
    with wave.open(str(joined), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(rate)
        w.writeframes(bytes(frames))
    EPISODE.mkdir(parents=True, exist_ok=True)
    run(ffmpeg(), "-nostdin", "-y", "-i", str(joined), "-c:a", "libopus", "-b:a", "24k", "-ac", "1",
        "-map_metadata", "-1", "-fflags", "+bitexact", str(EPISODE / "master.ogg"))
    return chapter_starts, cues


def clock(t: float, sep: str = ".") -> str:
    ms = int(round(t * 1000))
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def write_transcripts(cues: list[tuple[float, float]]) -> None:
    sentences = [sentence for _, ss in SCRIPT for sentence in ss]
    for i, lang in enumerate(LANGS):
        out = ["WEBVTT", ""]
        if lang in TRANSLATED_NOTE:
            out += [f"NOTE {TRANSLATED_NOTE[lang]}", ""]
        for n, ((start, end), texts) in enumerate(zip(cues, sentences), 1):
            out += [str(n), f"{clock(start)} --> {clock(end)}", texts[i], ""]
        (EPISODE / f"transcript.{lang}.vtt").write_text("\n".join(out), encoding="utf-8")


def q(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_episode_yml(chapter_starts: list[float], date: str) -> None:
    chapters = []
    for start, (titles, _) in zip(chapter_starts, SCRIPT):
        m, s = divmod(start, 60)
        chapters.append(f"  - start: \"{int(m)}:{s:04.1f}\"\n    title:\n"
                        + "".join(f"      {lang}: {q(titles[lang])}\n" for lang in LANGS))
    text = f"""\
# Generated by scripts/make_sample_episode.py: edit the script and run it again.
# A spoken summary of the report, read by a speech synthesizer (eSpeak NG).
id: {SLUG}
title:
  nl: Smart in Progress 2020-2021 in twee minuten
  fr: Smart in Progress 2020-2021 en deux minutes
  en: Smart in Progress 2020-2021 in two minutes
description:
  nl: |
    Een korte gesproken samenvatting van het verslag *Smart in Progress 2020-2021: Voorstel van
    aanbevelingen*, over nieuwe vooruitzichten na de gezondheidscrisis: wat de werkgroepen vragen over het
    economisch model, lobbying, communicatie, begeleiding, netwerken en de coöperatie, en wat de werkgroep
    van Nantes vraagt.

    **De stem is een spraaksynthesizer** (eSpeak NG), geen vennoot. Deze aflevering toont hoe de podcast
    werkt waar aanbeveling 25 om vraagt, in afwachting van de eerste bijdragen van vennoten.
  fr: |
    Un bref résumé parlé du rapport *Smart in Progress 2020-2021 : Proposition de recommandations*, sur les
    nouvelles perspectives après la crise sanitaire : ce que demandent les groupes de travail sur le modèle
    économique, le lobbying, la communication, l'accompagnement, les réseaux et la coopérative, et ce que
    demande le groupe de travail de Nantes.

    **La voix est une synthèse vocale** (eSpeak NG), pas un sociétaire, et elle parle néerlandais. Cet épisode
    montre comment fonctionne le podcast que demande la recommandation 25, en attendant les premières
    contributions des sociétaires.
  en: |
    A short spoken summary of the report *Smart in Progress 2020-2021: Proposed recommendations*, on new
    prospects after the health crisis: what the working groups ask about the economic model, lobbying,
    communication, support, networks and the cooperative, and what the Nantes working group asks.

    **The voice is a speech synthesizer** (eSpeak NG), not a member, and it speaks Dutch. This episode shows
    how the podcast that recommendation 25 asks for works, until the first contributions from members.
language: nl
date: {date}
number: 1
season: 1
type: full
explicit: false
audio: master.ogg
chapters:
{"".join(chapters).rstrip()}
credits:
  - nl: "Tekst: een samenvatting van het verslag, geschreven voor deze site."
    fr: "Texte : un résumé du rapport, écrit pour ce site."
    en: "Script: a summary of the report, written for this site."
  - nl: "Stem: eSpeak NG, een spraaksynthesizer (Nederlandse stem)."
    fr: "Voix : eSpeak NG, une synthèse vocale (voix néerlandaise)."
    en: "Voice: eSpeak NG, a speech synthesizer (Dutch voice)."
  - nl: "Muziek: een paar noten, door de computer gemaakt."
    fr: "Musique : quelques notes, produites par ordinateur."
    en: "Music: a few notes, made by computer."
  - nl: "De Franse en Engelse transcripties zijn vertaald uit het Nederlands."
    fr: "Les transcriptions française et anglaise sont traduites du néerlandais."
    en: "The French and English transcripts are translated from Dutch."
recommendations: [sip2021-25, sip2021-01, sip2021-02, sip2021-04, sip2021-nantes-1]
translations:
  fr: {{from: nl}}
  en: {{from: nl}}
"""
    (EPISODE / "episode.yml").write_text(text, encoding="utf-8")


def jingle(out: Path, notes: list[tuple[float, float]], length: float) -> None:
    """A few bell-like notes: (start seconds, frequency Hz) each, with a decaying envelope."""
    terms = []
    for start, freq in notes:
        env = f"between(t,{start},{length})*exp(-2.6*(t-{start}))*min(1,(t-{start})*200)"
        terms.append(f"{env}*(0.6*sin(2*PI*{freq}*(t-{start}))+0.25*sin(4*PI*{freq}*(t-{start}))"
                     f"+0.1*sin(6*PI*{freq}*(t-{start})))")
    expr = "0.3*(" + "+".join(terms) + ")"
    SHOW.mkdir(parents=True, exist_ok=True)
    run(ffmpeg(), "-nostdin", "-y", "-f", "lavfi", "-i", f"aevalsrc='{expr}':s=22050:d={length}",
        "-af", f"afade=t=out:st={length - 0.4}:d=0.4", "-ac", "1", "-c:a", "flac", "-compression_level", "12",
        "-map_metadata", "-1", "-fflags", "+bitexact", str(out))


def artwork(out: Path) -> None:
    size = 1400
    bars = "".join(
        f",drawbox=x={262 + i * 60}:y={980 - h // 2}:w=36:h={h}:color=0xffc107:t=fill"
        for i, h in enumerate([60, 140, 240, 320, 200, 280, 360, 220, 120, 260, 180, 80, 40, 100, 60]))
    text = (f"drawtext=fontfile={FONT}:text='Smart in Progress':fontcolor=white:fontsize=112:"
            f"x=(w-text_w)/2:y=360,"
            f"drawtext=fontfile={FONT}:text='podcast':fontcolor=0xffc107:fontsize=150:x=(w-text_w)/2:y=560")
    run(ffmpeg(), "-nostdin", "-y", "-f", "lavfi", "-i", f"color=c=0x4527a0:s={size}x{size}",
        "-vf", text + bars, "-frames:v", "1", "-pix_fmt", "rgb24", "-compression_level", "100", str(out))


def make_show() -> None:
    c5, e5, g5, c6 = 523.25, 659.25, 783.99, 1046.5
    jingle(SHOW / "intro.flac", [(0.0, c5), (0.22, e5), (0.44, g5), (0.66, c6)], 2.6)
    jingle(SHOW / "outro.flac", [(0.0, c6), (0.22, g5), (0.44, e5), (0.66, c5)], 2.6)
    artwork(SHOW / "artwork.png")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--show", action="store_true", help="only the jingles and the artwork")
    ap.add_argument("--date", default=dt.date.today().isoformat(), help="publication date (default: today)")
    args = ap.parse_args()
    make_show()
    if not args.show:
        with tempfile.TemporaryDirectory() as tmp:
            chapters, cues = make_master(Path(tmp))
        write_transcripts(cues)
        write_episode_yml(chapters, args.date)
    for p in sorted([*SHOW.iterdir(), *(EPISODE.iterdir() if EPISODE.exists() else [])]):
        print(f"{p.relative_to(ROOT)}  {p.stat().st_size // 1024} KB")


if __name__ == "__main__":
    main()
