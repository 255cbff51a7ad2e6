"""Insights: mood trends and charts, observations, reflection prompts and safety checks.

A library for the Kivy UI, the PDF report and the ``moodmirror chart`` command. Nothing here
imports matplotlib until a chart is drawn. One job per module:

- :mod:`.palette`: Okabe-Ito emotion colours and light/dark theme colours (hex and RGB);
- :mod:`.periods`: ``Week`` (``YYYY-Www``, Monday or Sunday start) and ``Month`` (``YYYY-MM``),
  parsing and previous/next navigation;
- :mod:`.trends`: per-day statistics for a week, a month or all time (``PeriodStats``);
- :mod:`.chart_labels`: chart titles, empty-period messages, x-axis labels;
- :mod:`.charts`: ``render_chart(stats, theme, size_in, dpi) -> PNG bytes``;
- :mod:`.observations`: short computed observations under a chart;
- :mod:`.prompt_library`: the prompt file in ``assets/prompts.json`` (prompts, thinking traps,
  thought-record steps);
- :mod:`.prompts`: choosing 1 to 3 fitting, non-repeating prompts for a check-in;
- :mod:`.thought_record`: validating the guided thought record into a ``ThoughtRecord``;
- :mod:`.safety`: ``needs_support`` (low-mood run or crisis phrases);
- :mod:`.crisis_resources`: helplines by region from ``assets/crisis_resources.json``.
"""
