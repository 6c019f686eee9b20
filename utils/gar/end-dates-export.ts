import { t, tn } from '../i18n';
import { frenchExcelCsv } from './csv';
import type { ExpiryThresholds } from './expiry';
import { formatParisDate } from './paris-time';
import type { SchoolSummary } from './school-summary';
import { parisDayNumber } from './validity';

/**
 * The end dates, for the school's calendar (.ics, one event per end with reminders at the
 * thresholds) and for a spreadsheet (CSV that French Excel opens right: UTF-8 with BOM, `;`).
 */

const CRLF = '\r\n';

/** RFC 5545 text: backslash, semicolon, comma and newlines escaped. */
function icsText(text: string): string {
  return text.replace(/[\\;,]/g, (char) => `\\${char}`).replace(/\r?\n/g, '\\n');
}

/** RFC 5545 folds lines longer than 75 octets; continuation lines start with a space. */
function fold(line: string): string {
  const bytes = new TextEncoder().encode(line);
  if (bytes.length <= 75) return line;
  const parts: string[] = [];
  let current = '';
  for (const char of line) {
    if (new TextEncoder().encode(current + char).length > (parts.length === 0 ? 75 : 74)) {
      parts.push(current);
      current = char;
    } else current += char;
  }
  parts.push(current);
  return parts.join(`${CRLF} `);
}

function icsDate(dayNumber: number): string {
  return new Date(dayNumber * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
}

function icsStamp(now: Date): string {
  return `${now.toISOString().replace(/[-:]/g, '').slice(0, 15)}Z`;
}

export function endDatesIcs(summaries: SchoolSummary[], thresholds: ExpiryThresholds, now: Date): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Compagnon GAR//Dates de fin//FR',
    'CALSCALE:GREGORIAN',
  ];
  for (const summary of summaries) {
    for (const { entry, expiry } of summary.lines) {
      if (!expiry.end || entry.goneSince) continue;
      const day = parisDayNumber(expiry.end.date);
      const title = t('endDatesExportTitle', entry.abonnement.libelleRessource);
      const description = t('endDatesExportDescription', summary.uai, entry.abonnement.idAbonnement);
      lines.push(
        'BEGIN:VEVENT',
        `UID:${icsText(`${summary.uai}-${entry.abonnement.idAbonnement}`)}@compagnon-gar`,
        `DTSTAMP:${icsStamp(now)}`,
        `DTSTART;VALUE=DATE:${icsDate(day)}`,
        `DTEND;VALUE=DATE:${icsDate(day + 1)}`,
        `SUMMARY:${icsText(title)}`,
        `DESCRIPTION:${icsText(`${description}\n${expiry.detail}`)}`,
      );
      for (const days of [thresholds.laterDays, thresholds.soonDays]) {
        lines.push(
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${icsText(tn(days, 'endDatesExportReminder', title))}`,
          `TRIGGER:-P${days}D`,
          'END:VALARM',
        );
      }
      lines.push('END:VEVENT');
    }
  }
  lines.push('END:VCALENDAR');
  return lines.map(fold).join(CRLF) + CRLF;
}

export function endDatesCsv(summaries: SchoolSummary[]): string {
  const rows = summaries.flatMap((summary) =>
    summary.lines.map(({ entry, expiry }) => ({
      [t('endDatesExportCsvSchool')]: summary.uai,
      [t('endDatesExportCsvResource')]: entry.abonnement.libelleRessource,
      [t('endDatesExportCsvResourceId')]: entry.abonnement.idRessource,
      [t('endDatesExportCsvSubscription')]: entry.abonnement.idAbonnement,
      [t('endDatesExportCsvEndDate')]: expiry.end ? formatParisDate(expiry.end.date) : '',
      // The field's name in GAR's files, as the detail names it.
      [t('endDatesExportCsvDateSource')]: expiry.end?.source ?? '',
      [t('endDatesExportCsvDaysLeft')]: expiry.daysLeft ?? '',
      [t('endDatesExportCsvStatus')]: expiry.label,
      [t('endDatesExportCsvStillInConsole')]: entry.goneSince
        ? t('endDatesExportNo')
        : t('endDatesExportYes'),
    })),
  );
  return frenchExcelCsv(rows);
}
