#!/usr/bin/env python3
"""Fails when a string a person sees has no Russian or Bulgarian translation.

What is looked for (the same rules as app/gui/po/add_translations.py --missing):
  - app/gui: every _("...") and tr("...") literal;
  - app/core: every N_("...") message template (refusal reasons, signals, timeline entries);
  - the words the window translates at run time: enum names (model/enums.cpp tables), refusal rule
    names (refuse("rule", ...)), SLA states and source states (to_string switches).
  - counted texts: wxPLURAL("singular", "plural", n) in app/gui and NP_("singular", "plural") anywhere;
  - texts in a context (one English word with two meanings on screen, "Value"): NC_("context", "text")
    anywhere, wxGETTEXT_IN_CONTEXT / wxTRANSLATE_IN_CONTEXT("context", "text") in app/gui, and the reasons of
    loss (model/enums.cpp) in the context "reason of loss"; each needs an
    entry with that msgctxt (a plain entry of the same msgid is another text and does not count).
A msgid counts as translated when both ru.po and bg.po have it with a non-empty msgstr. A counted text
needs a msgid_plural entry with the same plural and every form the language has: Russian 3 (1, 2-4,
5-20), Bulgarian 2; any plural entry in a catalogue with a form missing or empty fails as well, and so
does a Plural-Forms header that does not say 3 for ru and 2 for bg. Usage: check_catalogue.py SOURCE_DIR
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
used |= {joined(m) for m in literals(r'\bN_\(\s*' + LIT + r'\)', core + gui)}
used |= literals(r'\{\w+::\w+, "(\w+)"\}', [src / 'app/core/model/enums.cpp'])
used |= literals(r'\brefuse\("(\w+)"', [src / 'app/core/retention/contact_policy.cpp'])
used |= literals(r'return "(\w+)";', [src / 'app/core/sla/sla_engine.cpp', src / 'app/core/card/card.cpp'])
used = {unescape(u) for u in used}
PAIR = r'\(\s*' + LIT + r',\s*' + LIT
counted = {(unescape(joined(m[0])), unescape(joined(m[1])))
           for m in literals(r'\bwxPLURAL' + PAIR, gui) | literals(r'\bNP_' + PAIR + r'\)', gui + core)}
used -= {one for one, _ in counted}
in_context = {(unescape(joined(m[0])), unescape(joined(m[1])))
              for m in literals(r'\bNC_' + PAIR + r'\)', gui + core) |
                       literals(r'\bwx(?:GETTEXT|TRANSLATE)_IN_CONTEXT' + PAIR + r'\)', gui)}
# Reasons of loss are shown in their own context ("service": unhappy with the service, not the problem type).
enums = (src / 'app/core/model/enums.cpp').read_text(encoding='utf-8')
in_context |= {('reason of loss', w) for w in re.findall(r'\{LossReason::\w+, "(\w+)"\}', enums)}  # a counted text is checked as a plural entry, not a plain one
NPLURALS = {'ru': 3, 'bg': 2}

def catalogue(lang):
    """(plain msgids translated, {msgid: (msgid_plural, forms)} for plural entries, problems,
    (msgctxt, msgid) pairs translated)."""
    text = (po_dir / f'{lang}.po').read_text(encoding='utf-8')
    done, plurals, problems, done_in_context = set(), {}, [], set()
    header = re.search(r'Plural-Forms: nplurals=(\d+);', text)
    if not header or int(header.group(1)) != NPLURALS[lang]:
        problems.append(f'{lang}: the Plural-Forms header must say nplurals={NPLURALS[lang]}')
    for entry in re.split(r'\n\s*\n', text):
        m = re.search(r'^msgid "((?:[^"\\]|\\.)*)"', entry, re.M)
        if not m or not m.group(1): continue
        msgid = unescape(m.group(1))
        context = re.search(r'^msgctxt "((?:[^"\\]|\\.)*)"', entry, re.M)
        if context:
            strs = re.findall(r'^msgstr "((?:[^"\\]|\\.)*)"', entry, re.M)
            if strs and all(strs): done_in_context.add((unescape(context.group(1)), msgid))
            continue
        many = re.search(r'^msgid_plural "((?:[^"\\]|\\.)*)"', entry, re.M)
        if many:
            forms = dict(re.findall(r'^msgstr\[(\d)\] "((?:[^"\\]|\\.)*)"', entry, re.M))
            filled = [forms.get(str(k), '') for k in range(NPLURALS[lang])]
            plurals[msgid] = (unescape(many.group(1)), filled)
            if not all(filled) or len(forms) != NPLURALS[lang]:
                problems.append(f'{lang}: "{msgid}" needs {NPLURALS[lang]} plural forms, has {sum(map(bool, filled))}')
            continue
        strs = re.findall(r'^msgstr "((?:[^"\\]|\\.)*)"', entry, re.M)
        if strs and all(strs): done.add(msgid)
    return done, plurals, problems, done_in_context

missing = 0
for lang in ('ru', 'bg'):
    have, plurals, problems, have_in_context = catalogue(lang)
    for p in problems:
        print(p)
        missing += 1
    for msgid in sorted(used - have):
        print(f'{lang}: no translation for "{msgid}"')
        missing += 1
    for one, many in sorted(counted):
        if one not in plurals or plurals[one][0] != many:
            print(f'{lang}: no plural entry for "{one}" / "{many}"')
            missing += 1
    for context, msgid in sorted(in_context - have_in_context):
        print(f'{lang}: no translation for "{msgid}" in the context "{context}"')
        missing += 1
print(f'{len(used)} strings, {len(in_context)} in a context and {len(counted)} counted texts checked, {missing} translations missing')
sys.exit(1 if missing else 0)
