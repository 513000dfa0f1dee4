import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslatePipe } from '../core/i18n/i18n';

/** One page for "does not exist" and "not yours to see": like the server, the client does not tell them apart. */
@Component({
  selector: 'st-not-found-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, TranslatePipe],
  template: `
    <h1 data-testid="not-found-heading">{{ 'notFound.heading' | t }}</h1>
    <p>{{ 'notFound.body' | t }}</p>
    <p>
      <a routerLink="/">{{ 'notFound.home' | t }}</a>
    </p>
  `,
})
export class NotFoundPage {}
