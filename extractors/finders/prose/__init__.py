"""Figures stated in prose: paragraphs, list items and footnotes, read in stages.

paragraphs   walk the document's paragraphs, list items and footnotes: what a sentence
             borrows from the one before it, its lead-in and its section heading
sentences    split a paragraph into sentences
spans        the numbers of a sentence: value, unit, qualifier, `a/b` partner
non_figures  digits that count nothing: dates, document numbers, references, labels
roles        the role of a figure in its sentence: a change, a comparison, a target, a
             threshold, an outcome, rather than the period's own figure
periods      the period a figure is of, when the sentence names another one
clause       the words around a figure: what follows it, the clause's subject
petition_types  the kind of petition a figure counts (complaints, denunciations ...)
ranks        ranks of published indices (`xếp thứ 12/63`)
classify     the metric a figure is of: cue scoring against the catalog's rules
implied      the metric of a figure no rule names: a list's next item, a delegation
rates        percentages: the rate of the count they follow, or named by their own cues
zeros        `không có ...`, `Số đoàn: Không`: zero figures without digits
facts        Fact objects: unit, money, scope; a figure read against the one before it
lists        the lists of a sentence that break a figure down (`gồm`, `trong đó`, `(...)`)
breakdowns   parts of the figure a list breaks down, linked to it
sentence     one sentence through all the stages
sections     which section of the report a block stands in (headings, forward-looking)
"""

from extractors.finders.prose.paragraphs import prose_facts
from extractors.finders.prose.sections import (
    SectionContext,
    is_appendix_title,
    outline_level,
    section_contexts,
)
from extractors.finders.prose.sentence import sentence_facts
from extractors.finders.prose.sentences import Sentence, split_sentences
from extractors.finders.prose.spans import Num, numbers_in

__all__ = [
    "is_appendix_title",
    "Num",
    "SectionContext",
    "Sentence",
    "numbers_in",
    "outline_level",
    "prose_facts",
    "section_contexts",
    "sentence_facts",
    "split_sentences",
]
