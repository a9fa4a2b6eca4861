import { Injectable } from '@nestjs/common';

/** The time, behind a class so that a test can set it without mocking Date. */
@Injectable()
export class Clock {
  private offsetMs = 0;
  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }
  /** Tests only: move the clock. */
  travel(ms: number): void {
    this.offsetMs += ms;
  }
}
