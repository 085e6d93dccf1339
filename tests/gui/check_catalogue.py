#!/usr/bin/env python3
"""Fails when a string a person sees has no Russian or Bulgarian translation.

What is looked for (the same rules as app/gui/po/add_translations.py --missing):
  - app/gui: every _("...") and tr("...") literal;
  - app/core: every N_("...") message template (refusal reasons, signals, timeline entries);
  - the words the window translates at run time: enum names (model/enums.cpp tables), refusal rule
    names (refuse("rule", ...)), SLA states and source states (to_string switches).
A msgid counts as translated when both ru.po and bg.po have it with a non-empty msgstr (or, for a
plural entry, every msgstr[n] filled). Usage: check_catalogue.py SOURCE_DIR
"""
import pathlib, re, sys

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else '.')
po_dir = src / 'app/gui/po'

def literals(pattern, files):
    out = set()
    for f in files:
        out |= set(re.findall(pattern, f.read_text(encoding='utf-8')))
    return out

# A call's argument may be adjacent literals split over lines ("part one "  "part two"): joined.
LIT = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
def joined(lit): return ''.join(re.findall(r'"((?:[^"\\]|\\.)*)"', lit))

def unescape(s): return s.replace('\\"', '"').replace('\\\\', '\\')

gui = list((src / 'app/gui').glob('*.cpp')) + list((src / 'app/gui/presenters').glob('*.cpp'))
core = list((src / 'app/core').rglob('*.cpp'))
used = {joined(m[1]) for m in literals(r'\b(_|tr)\(\s*' + LIT + r'\)', gui)}
used |= {joined(m) for m in literals(r'\bN_\(\s*' + LIT + r'\)', core)}
used |= literals(r'\{\w+::\w+, "(\w+)"\}', [src / 'app/core/model/enums.cpp'])
used |= literals(r'\brefuse\("(\w+)"', [src / 'app/core/retention/contact_policy.cpp'])
used |= literals(r'return "(\w+)";', [src / 'app/core/sla/sla_engine.cpp', src / 'app/core/card/card.cpp'])
used = {unescape(u) for u in used}

def catalogue(lang):
    text = (po_dir / f'{lang}.po').read_text(encoding='utf-8')
    done = set()
    for entry in re.split(r'\n\s*\n', text):
        m = re.search(r'^msgid "((?:[^"\\]|\\.)*)"', entry, re.M)
        if not m or not m.group(1): continue
        strs = re.findall(r'^msgstr(?:\[\d\])? "((?:[^"\\]|\\.)*)"', entry, re.M)
        if strs and all(strs): done.add(unescape(m.group(1)))
    return done

missing = 0
for lang in ('ru', 'bg'):
    have = catalogue(lang)
    for msgid in sorted(used - have):
        print(f'{lang}: no translation for "{msgid}"')
        missing += 1
print(f'{len(used)} strings checked, {missing} translations missing')
sys.exit(1 if missing else 0)
