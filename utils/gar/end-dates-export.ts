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
      const title = `Fin d’abonnement : ${entry.abonnement.libelleRessource}`;
      lines.push(
        'BEGIN:VEVENT',
        `UID:${icsText(`${summary.uai}-${entry.abonnement.idAbonnement}`)}@compagnon-gar`,
        `DTSTAMP:${icsStamp(now)}`,
        `DTSTART;VALUE=DATE:${icsDate(day)}`,
        `DTEND;VALUE=DATE:${icsDate(day + 1)}`,
        `SUMMARY:${icsText(title)}`,
        `DESCRIPTION:${icsText(`Établissement ${summary.uai} — abonnement ${entry.abonnement.idAbonnement}\n${expiry.detail}`)}`,
      );
      for (const days of [thresholds.laterDays, thresholds.soonDays]) {
        lines.push(
          'BEGIN:VALARM',
          'ACTION:DISPLAY',
          `DESCRIPTION:${icsText(`${title} dans ${days} jours`)}`,
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
      Établissement: summary.uai,
      Ressource: entry.abonnement.libelleRessource,
      'Identifiant ressource': entry.abonnement.idRessource,
      Abonnement: entry.abonnement.idAbonnement,
      'Date de fin': expiry.end ? formatParisDate(expiry.end.date) : '',
      'Source de la date': expiry.end?.source ?? '',
      'Jours restants': expiry.daysLeft ?? '',
      État: expiry.label,
      'Encore dans la console': entry.goneSince ? 'non' : 'oui',
    })),
  );
  return frenchExcelCsv(rows);
}
