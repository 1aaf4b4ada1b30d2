using Ledger.Incidents;

namespace Ledger.Drafting;

/// <summary>When: absolute dates, and dates relative to the publication day or an earlier date of the text.</summary>
public static partial class Drafter
{
    private sealed class DateContext(DateOnly published)
    {
        public DateOnly Published { get; } = published;
        public DraftDate? Last { get; set; }
        public DraftDate Fallback => Last ?? new DraftDate(new DateOnly(Published.Year, Published.Month, 1), DatePrecision.Month);
    }

    private static DraftDate? ReadDate(List<Token> t, DraftWords w, DateContext context)
    {
        for (var i = 0; i < t.Count; i++)
        {
            if (i > 0 && t[i - 1].Key is "since" or "منذ") { i++; continue; }
            DraftDate? found = null;
            if (MatchAny(t, i, w.Today) is { } today && !DayOfNamed(t, i + today.Keys.Length - 1)) found = new DraftDate(context.Published, DatePrecision.Day);
            else if (MatchAny(t, i, w.Yesterday) is not null) found = new DraftDate(context.Published.AddDays(-1), DatePrecision.Day);
            else if (MatchAny(t, i, w.LastMonth) is not null)
                found = new DraftDate(new DateOnly(context.Published.Year, context.Published.Month, 1).AddMonths(-1), DatePrecision.Month);
            else if (MatchAny(t, i, w.ThisMonth) is not null)
                found = new DraftDate(new DateOnly(context.Published.Year, context.Published.Month, 1), DatePrecision.Month);
            else if (MatchAny(t, i, w.MonthLater) is not null && context.Last is { } last)
                found = new DraftDate(new DateOnly(last.Date.Year, last.Date.Month, 1).AddMonths(1), DatePrecision.Month);
            else if (Weekday(t, i, w) is { } day)
            {
                var back = ((int)context.Published.DayOfWeek - (int)day + 7) % 7;
                found = new DraftDate(context.Published.AddDays(-back), DatePrecision.Day);
            }
            else if (MonthAt(t, i, w, ending: false) is { } month)
            {
                var k = i + w.Months[month - 1].Keys.Length;
                if (k < t.Count && t[k].Number is { } d and >= 1 and <= 31)
                    found = Day(month, (int)d, Year(t, k + 1, context), context);
                else if (k < t.Count && t[k].Number is { } y and >= 1900 and <= 2100)
                    found = new DraftDate(new DateOnly((int)y, month, 1), DatePrecision.Month);
                else if (k + 2 < t.Count && t[k].Key == "of" && t[k + 1].Key == "that" && t[k + 2].Key == "year" && context.Last is { } ctx)
                    found = new DraftDate(new DateOnly(ctx.Date.Year, month, 1), DatePrecision.Month);
                else if (i > 0 && t[i - 1].Number is { } d2 and >= 1 and <= 31)
                    found = Day(month, (int)d2, Year(t, k, context), context);
            }
            else if (t[i].Key is "in" or "في" && i + 1 < t.Count && t[i + 1].Number is { } year and >= 1900 and <= 2100
                     && (i + 2 >= t.Count || MonthAt(t, i + 2, w, ending: false) is null))
                found = new DraftDate(new DateOnly((int)year, 1, 1), DatePrecision.Year);
            if (found is null) continue;
            context.Last = found;
            return found;
        }
        return null;
    }

    /// <summary>The start of the period a running total counts from: "since March 2019", "since 2019", "منذ آذار 2019",
    /// "since the start of the month"; null when the sentence gives none.</summary>
    private static DraftDate? RunningTotal(List<Token> t, DraftWords w, DateContext context)
    {
        for (var i = 0; i + 1 < t.Count; i++)
        {
            if (t[i].Key is not ("since" or "منذ")) continue;
            var k = i + 1;
            if (t[k].Key is "the" && k + 2 < t.Count && t[k + 1].Key is "start" or "beginning" && t[k + 2].Key is "of")
                return new DraftDate(new DateOnly(context.Published.Year, context.Published.Month, 1), DatePrecision.Month);
            if (t[k].Number is { } year and >= 1900 and <= 2100) return new DraftDate(new DateOnly((int)year, 1, 1), DatePrecision.Year);
            if (MonthAt(t, k, w, ending: false) is { } month)
            {
                var after = k + w.Months[month - 1].Keys.Length;
                var day = after < t.Count && t[after].Number is { } d and >= 1 and <= 31 ? (int)d : (int?)null;
                var y = Year(t, day is null ? after : after + 1, context);
                // "since January" in a June article is this year's January; "since March 2019" is 2019's.
                var first = new DateOnly(y ?? context.Published.Year, month, 1);
                if (y is null && first > context.Published) first = first.AddYears(-1);
                return day is { } dd && dd <= DateTime.DaysInMonth(first.Year, month)
                    ? new DraftDate(new DateOnly(first.Year, month, dd), DatePrecision.Day) : new DraftDate(first, DatePrecision.Month);
            }
        }
        return null;
    }

    /// <summary>"يوم الخميس" is "on Thursday", not "today" (اليوم): the key drops the article, so the word as written says
    /// which, and a weekday after it is the date.</summary>
    private static bool DayOfNamed(List<Token> t, int i) =>
        t[i].Key == "يوم" && !t[i].Text.Contains("اليوم", StringComparison.Ordinal);

    private static int? Year(List<Token> t, int k, DateContext context)
    {
        if (k < t.Count && t[k].Key == "," ) k++;
        return k < t.Count && t[k].Number is { } y and >= 1900 and <= 2100 ? (int)y : null;
    }

    private static DraftDate? Day(int month, int day, int? year, DateContext context)
    {
        var y = year ?? context.Published.Year;
        if (day > DateTime.DaysInMonth(y, month)) return null;
        var date = new DateOnly(y, month, day);
        // "May 2" in an article of 10 May is this year's; "December 30" in an article of 2 January, last year's.
        if (year is null && date > context.Published) date = date.AddYears(-1);
        return new DraftDate(date, DatePrecision.Day);
    }

    private static int? MonthAt(List<Token> t, int i, DraftWords w, bool ending)
    {
        for (var m = 0; m < w.Months.Count; m++)
        {
            var first = ending ? i - w.Months[m].Keys.Length + 1 : i;
            if (first >= 0 && Matches(t, first, w.Months[m])) return m + 1;
        }
        return null;
    }

    private static DayOfWeek? Weekday(List<Token> t, int i, DraftWords w)
    {
        for (var d = 0; d < w.Weekdays.Count; d++)
            if (Matches(t, i, w.Weekdays[d])) return (DayOfWeek)((d + 1) % 7); // the lists run Monday to Sunday
        return null;
    }
}
