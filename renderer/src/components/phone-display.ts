/** A US number as a person reads it, "(555) 010-0000"; anything else as stored. For numbers the API gives raw. */
export function displayPhone(e164: string): string {
  const us = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return us ? `(${us[1]}) ${us[2]}-${us[3]}` : e164;
}
