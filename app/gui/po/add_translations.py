#!/usr/bin/env python3
"""Appends translations to app/gui/po/{ru,bg}.po for msgids they do not have yet.

Usage: add_translations.py FILE.tsv   (lines: english<TAB>russian<TAB>bulgarian)
       add_translations.py --plural FILE.tsv
         (lines: singular<TAB>plural<TAB>ru one|ru few|ru many<TAB>bg one|bg many: a msgid_plural entry
          with every form the language's Plural-Forms header has: Russian 3, Bulgarian 2)
       add_translations.py --context FILE.tsv
         (lines: context<TAB>english<TAB>russian<TAB>bulgarian: an entry with that msgctxt, for an English
          text that means two things on screen and is marked NC_("context", "text") in the code)
Finding what is missing: `tests/gui/check_catalogue.py .` (also a test) lists every msgid the GUI and
the core's N_() templates use that a catalogue lacks.
"""
import pathlib, re, sys

here = pathlib.Path(__file__).parent
gui = here.parent

def esc(s): return s.replace('\\', '\\\\').replace('"', '\\"')

def have(lang, context=None):
    """The msgids the catalogue has outside any context, or in `context`."""
    out = set()
    for entry in re.split(r'\n\s*\n', (here / f'{lang}.po').read_text()):
        m = re.search(r'^msgid "(.+)"$', entry, re.M)
        c = re.search(r'^msgctxt "(.*)"$', entry, re.M)
        if m and (c.group(1) if c else None) == context: out.add(m.group(1))
    return out

if sys.argv[1:] == ['--missing']:
    used = set()
    for f in list(gui.glob('*.cpp')) + list(gui.glob('presenters/*.cpp')):
        used |= set(m[1] for m in re.findall(r'\b(_|tr)\("((?:[^"\\]|\\.)+)"\)', f.read_text()))
    for m in sorted(used - have('ru')): print(m)
    sys.exit(0)

def c_format(en):
    # Only printf conversions make a c-format string; "(-{4}%)" in a core template is plain text.
    return '#, c-format\n' if re.search(r'%[-+ 0#]*\d*(\.\d+)?(ll|l|z)?[dsfuxc%]', en) else ''

if sys.argv[1] == '--plural':
    rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
    for i, lang in enumerate(['ru', 'bg']):
        known = have(lang)
        with open(here / f'{lang}.po', 'a', encoding='utf-8') as po:
            for one, many, *tr in rows:
                if esc(one) in known: continue
                forms = tr[i].split('|')
                po.write(f'\n{c_format(one)}msgid "{esc(one)}"\nmsgid_plural "{esc(many)}"\n')
                for k, form in enumerate(forms): po.write(f'msgstr[{k}] "{esc(form)}"\n')
    sys.exit(0)

if sys.argv[1] == '--context':
    rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[2], encoding='utf-8') if l.strip()]
    for i, lang in enumerate(['ru', 'bg']):
        with open(here / f'{lang}.po', 'a', encoding='utf-8') as po:
            for context, en, *tr in rows:
                if esc(en) in have(lang, esc(context)): continue
                po.write(f'\n{c_format(en)}msgctxt "{esc(context)}"\nmsgid "{esc(en)}"\nmsgstr "{esc(tr[i])}"\n')
    sys.exit(0)

rows = [l.rstrip('\n').split('\t') for l in open(sys.argv[1], encoding='utf-8') if l.strip()]
for i, lang in enumerate(['ru', 'bg']):
    known = have(lang)
    with open(here / f'{lang}.po', 'a', encoding='utf-8') as po:
        for en, *tr in rows:
            if esc(en) in known: continue
            po.write(f'\n{c_format(en)}msgid "{esc(en)}"\nmsgstr "{esc(tr[i])}"\n')
