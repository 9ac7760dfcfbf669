"""The one text fold: what does not make two texts different, said once.

People type the same words with full-width or half-width forms, an ideographic or no-break
space for indentation, a line break inside a table cell, a zero-width space pasted from a web
page, curly or straight quotes.  None of that is an edit, so every comparison — a cell's value,
a table label, a heading, a written date, a sentence against another, an organ's name — goes
through ``fold``.  Two levels, each a superset of the one before:

``fold``
    NFKC (full-width digits, letters, spaces and ASCII punctuation become ASCII: ２０２４→2024,
    ，→, ；→; ！→! ？→?), then drops all white space (NBSP, the ideographic space, line breaks
    included) and the invisible format characters (zero-width space and joiners, BOM, soft
    hyphen, direction marks), and writes every double quote as " and every single quote as '
    (“”「」『』 and ‘’).  Keeps everything else, in particular the Chinese punctuation NFKC
    leaves alone (。、《》【】（ becomes ( ): “1、” and “1.” stay different, since a reviewer flags
    that edit in a statutory label, and “1。5” stays no number.
``fold_sentence``
    ``fold`` and 。 as "." — the one sentence mark NFKC keeps — so a sentence ending in 。 and
    its copy ending in a full stop compare alike.  For the text checks (duplicates, last year's
    sentences), never for labels or values.

Offsets: folding changes the length, so callers fold a piece of text to compare it and keep
the piece's offsets in the original themselves.
"""

from __future__ import annotations

import unicodedata

from app.bidichars import CONTROLS, MARKS
from app.patterns import lazy

# Format characters that show as nothing; NFKC keeps them, so they are dropped here: soft hyphen,
# Mongolian vowel separator, zero-width space and joiners, the bidi controls and direction marks
# (as app/bidi.py lists them), word joiner and invisible operators, BOM.
# Of them, those that are no bidi control: what a copy carries unseen (app/pastetidy.py drops them).
NO_WIDTH = "\u00ad\u180e\u200b-\u200d\u2060-\u2064\ufeff"
_INVISIBLE = f"{NO_WIDTH}{CONTROLS}{MARKS}"
# One character, then any more: a pattern that begins with a character class lets the engine
# skip to the next such character instead of trying a repeat at every one.
_DROP = lazy(rf"(?s:[\s{_INVISIBLE}])[\s{_INVISIBLE}]*")
_QUOTES = {"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"', "‘": "'", "’": "'"}
# The full-width punctuation of every Chinese sentence, as NFKC writes it: replaced first, most
# text is then already normalised, and checking that is far cheaper than normalising.
_COMMON = {"，": ",", "；": ";", "：": ":", "（": "(", "）": ")", "！": "!", "？": "?"}


def fold(text: str) -> str:
    """``text`` as compared: NFKC, no white space or invisible characters, one kind of quote."""
    if text.isascii():  # a figure, a number: NFKC, the quotes and the invisibles leave it but for its spaces
        return "".join(text.split()) if not text.isalnum() else text
    # str.replace and the normal-form check run in C over the string; str.translate and
    # normalize() cost far more per character (a fifth of the text checks' time).
    for wide, narrow in _COMMON.items():
        if wide in text:
            text = text.replace(wide, narrow)
    if not unicodedata.is_normalized("NFKC", text):
        text = unicodedata.normalize("NFKC", text)
    text = _DROP.sub("", text)
    for curly, straight in _QUOTES.items():
        if curly in text:
            text = text.replace(curly, straight)
    return text


def fold_sentence(text: str) -> str:
    """``fold``, and the ideographic full stop as “.”: sentences as the text checks compare them."""
    return fold(text).replace("。", ".")
