"""Reports for people: the content of a report is gathered once (:mod:`cpss.reports.content`, its
later sections in :mod:`cpss.reports.sections`) as a :class:`~cpss.reports.document.Document`,
then written as PDF (:mod:`cpss.reports.pdf`) or Word (:mod:`cpss.reports.word`). Charts are
rendered offline to PNG (:mod:`cpss.reports.images`).
"""
