// A part of a catalogue (i18n/parts.ts), cut out of <locale>.ts by the build
// (scripts/locale-modules.ts): `virtual:catalogue/<locale>/<part>`.
declare module 'virtual:catalogue/*' {
  const messages: object;
  export default messages;
}
