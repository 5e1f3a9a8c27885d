/** Writes Asterisk Master.csv lines as cdr_csv does: strings quoted (inner quotes doubled), integers bare. */
export function cdrLine(fields: {
  src?: string;
  dst?: string;
  context?: string;
  channel?: string;
  dstchannel?: string;
  start: string;
  answer?: string;
  end?: string;
  duration?: number;
  billsec?: number;
  disposition?: string;
  uniqueid?: string;
  userfield?: string;
  columns?: 16 | 17 | 18;
}): string {
  const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
  const cells = [
    quote(''),
    quote(fields.src ?? '+33612345678'),
    quote(fields.dst ?? '200'),
    quote(fields.context ?? 'from-pstn'),
    quote(`"Caller" <${fields.src ?? '+33612345678'}>`),
    quote(fields.channel ?? 'SIP/trunk-00000001'),
    quote(fields.dstchannel ?? 'SIP/1001-00000002'),
    quote('Dial'),
    quote('SIP/1001,30'),
    quote(fields.start),
    quote(fields.answer ?? fields.start),
    quote(fields.end ?? fields.start),
    String(fields.duration ?? 120),
    String(fields.billsec ?? 115),
    quote(fields.disposition ?? 'ANSWERED'),
    quote('DOCUMENTATION'),
    quote(fields.uniqueid ?? ''),
    quote(fields.userfield ?? ''),
  ];
  return cells.slice(0, fields.columns ?? 17).join(',');
}
