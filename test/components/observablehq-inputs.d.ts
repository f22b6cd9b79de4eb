// @observablehq/inputs ships no types. The unit page (src/components/unit-page.ts) imports it, and the tests of
// the unit data reach that module through its types, so the type check needs the module declared.
declare module "@observablehq/inputs";
