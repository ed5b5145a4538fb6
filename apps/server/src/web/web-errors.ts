/** The page needs a signed-in user; the filter redirects to /login?next=… */
export class SignInRequired extends Error {
  constructor(readonly next: string) {
    super('Sign in to continue');
  }
}

/** A form POST without the right synchronizer token. */
export class CsrfRejected extends Error {
  constructor() {
    super('This form was not sent from a Firedrill page, or it has expired. Go back, reload the page and try again.');
  }
}

/** The participant cookie is missing or does not belong to this session. */
export class JoinRequired extends Error {
  constructor(readonly sessionId: string) {
    super('Join the session with its code first');
  }
}
