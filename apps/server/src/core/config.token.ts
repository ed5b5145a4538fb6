/** DI token for the validated FiredrillConfig. */
export const CONFIG = Symbol('FiredrillConfig');
