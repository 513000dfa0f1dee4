import { ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import {
  checkScope,
  decline,
  defaultValidTo,
  effectiveStatus,
  requiredSigners,
  sign,
  signerKeyOf,
  submitForSignatures,
  subject,
  withdraw,
} from '@stafett/domain';
import type {
  ConsentResponse,
  ConsentState,
  InformationCategory,
  MunicipalitySettings,
  Principal,
  RequiredSigner,
  StoredConsentStatus,
} from '@stafett/domain';
import type { EntityManager } from 'typeorm';
import type { RequestContext } from '../authorization/authorization.decorators';
import { CaseAccess, CaseRecord, ruleError } from '../cases/case-access.service';
import { assertVersion } from '../http/if-match';
import { fieldError } from '../problem/validation';
import { iso } from '../cases/case-details';
import { ActingTransactions } from '../database/acting-transactions';
import { today } from '../database/today';
import { CreateConsentDto, RecordAnswerDto, WithdrawConsentDto } from './dto/consent.dto';

interface ConsentRow {
  id: string;
  caseId: string;
  childId: string;
  versionNo: number;
  previousVersionId: string | null;
  status: StoredConsentStatus;
  purpose: string;
  categories: InformationCategory[];
  serviceIds: string[];
  excludedUserIds: string[];
  excludedCategories: InformationCategory[];
  validFrom: string;
  validTo: string;
  requiredSigners: RequiredSigner[];
  singleSignatureReason: string | null;
  createdBy: { userId: string; displayName: string };
  createdAt: string;
  activatedAt: string | null;
  withdrawnAt: string | null;
  withdrawalReason: string | null;
  version: number;
  today: string;
}

const CONSENT = `
  SELECT c.id, c.case_id AS "caseId", c.child_id AS "childId", c.version_no AS "versionNo", c.previous_version_id AS "previousVersionId",
         c.status, c.purpose, c.categories, c.service_ids AS "serviceIds", c.excluded_user_ids AS "excludedUserIds",
         c.excluded_categories AS "excludedCategories", to_char(c.valid_from, 'YYYY-MM-DD') AS "validFrom",
         to_char(c.valid_to, 'YYYY-MM-DD') AS "validTo", c.required_signers AS "requiredSigners",
         c.single_signature_reason AS "singleSignatureReason",
         json_build_object('userId', cu.id, 'displayName', cu.display_name) AS "createdBy", ${iso('c.created_at')} AS "createdAt",
         ${iso('c.activated_at')} AS "activatedAt", ${iso('c.withdrawn_at')} AS "withdrawnAt", c.withdrawal_reason AS "withdrawalReason",
         c.version, to_char(current_date, 'YYYY-MM-DD') AS today
    FROM consent c JOIN app_user cu ON cu.id = c.created_by_user_id AND cu.municipality_id = c.municipality_id`;

/** Which signer the principal is for a child's consent: their user id as guardian, `youth` for themself, or none. */
function signerKeyFor(principal: Principal, childId: string): string | null {
  if (principal.kind !== 'citizen') return null;
  if (principal.youthOf.includes(childId)) return 'youth';
  return principal.guardianOf.some((g) => g.childId === childId && g.parentalResponsibility) ? principal.userId : null;
}

/**
 * Consents: asked for by the coordinator, answered by the guardians with parental responsibility
 * (or the youth) signed in with ID-porten, withdrawn by any signer at any moment. Every change
 * that gives or ends access rebuilds the case's access grants in the same transaction.
 */
@Injectable()
export class ConsentsService {
  constructor(
    private readonly tx: ActingTransactions,
    private readonly access: CaseAccess,
  ) {}

  /** A new consent (or a new version of the last one) as a draft: what, who, the period. */
  create(ctx: RequestContext, caseId: string, input: CreateConsentDto): Promise<ConsentResponse> {
    return this.tx.run(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId, { lock: true });
      this.mayManage(ctx, record);
      if (record.status !== 'open') throw fieldError('status', 'The case is closed; reopen it first');
      const settings = await this.settings(em, ctx);
      const now = await today(em);
      const validFrom = input.validFrom ?? now;
      const scope = {
        purpose: input.purpose,
        categories: [...new Set(input.categories)],
        serviceIds: [...new Set(input.serviceIds)],
        excludedUserIds: [...new Set(input.excludedUserIds ?? [])],
        excludedCategories: [...new Set(input.excludedCategories ?? [])],
        validFrom,
        validTo: input.validTo ?? defaultValidTo(validFrom, settings),
      };
      try {
        checkScope(scope, now);
      } catch (error) {
        ruleError(error);
      }
      await this.assertKnown(em, ctx, 'service', scope.serviceIds, 'serviceIds');
      await this.assertKnown(em, ctx, 'app_user', scope.excludedUserIds, 'excludedUserIds');
      // A change of scope is a new version; a version not yet given is replaced at once, an active one when the new one is given.
      const [previous]: Array<{ id: string; versionNo: number; status: StoredConsentStatus }> = await em.query(
        `SELECT id, version_no AS "versionNo", status FROM consent WHERE case_id = $1 AND municipality_id = $2 ORDER BY version_no DESC LIMIT 1 FOR UPDATE`,
        [record.id, record.municipalityId],
      );
      if (previous && (previous.status === 'draft' || previous.status === 'pending_signatures'))
        await em.query(`UPDATE consent SET status = 'superseded', superseded_at = now(), version = version + 1 WHERE id = $1`, [
          previous.id,
        ]);
      const [row]: Array<{ id: string }> = await em.query(
        `INSERT INTO consent (municipality_id, case_id, child_id, version_no, previous_version_id, purpose, categories, service_ids,
                              excluded_user_ids, excluded_categories, valid_from, valid_to, created_by_user_id)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
        [
          record.municipalityId,
          record.id,
          record.childId,
          (previous?.versionNo ?? 0) + 1,
          previous?.id ?? null,
          scope.purpose,
          scope.categories,
          scope.serviceIds,
          scope.excludedUserIds,
          scope.excludedCategories,
          scope.validFrom,
          scope.validTo,
          ctx.principal.userId,
        ],
      );
      await this.audit(em, ctx, record, 'create', row.id);
      return this.response(em, ctx, await this.row(em, row.id), record);
    });
  }

  /** The draft goes to the signers: who they are is fixed now, from the guardianships and the youth's age today. */
  submit(ctx: RequestContext, id: string, singleSignatureReason: string | null, ifMatch: number): Promise<ConsentResponse> {
    return this.change(ctx, id, ifMatch, async (em, consent, record) => {
      this.mayManage(ctx, record);
      const signers = await this.signersFor(em, ctx, record.childId);
      const next = this.apply(() => submitForSignatures(this.state(consent, signers), singleSignatureReason));
      await em.query(
        `UPDATE consent SET status = $2, required_signers = $3, single_signature_reason = $4, submitted_at = now(), version = version + 1 WHERE id = $1`,
        [consent.id, next.status, JSON.stringify(signers), next.singleSignatureReason],
      );
      await this.audit(em, ctx, record, 'submit', consent.id);
    });
  }

  /** A guardian or the youth signs, signed in with ID-porten; the last signature makes the consent active. */
  sign(ctx: RequestContext, id: string, ifMatch: number): Promise<ConsentResponse> {
    return this.change(ctx, id, ifMatch, async (em, consent, record) => {
      const key = this.ownSignerKey(ctx, consent);
      await this.answer(em, ctx, consent, record, key, 'signed', { method: 'digital', recordedBy: null, note: null });
    });
  }

  decline(ctx: RequestContext, id: string, ifMatch: number): Promise<ConsentResponse> {
    return this.change(ctx, id, ifMatch, async (em, consent, record) => {
      const key = this.ownSignerKey(ctx, consent);
      await this.answer(em, ctx, consent, record, key, 'declined', { method: 'digital', recordedBy: null, note: null });
    });
  }

  /** Staff record an oral or paper answer, marked as such, with a note; never a digital signature on someone's behalf. */
  recordAnswer(ctx: RequestContext, id: string, input: RecordAnswerDto, ifMatch: number): Promise<ConsentResponse> {
    return this.change(ctx, id, ifMatch, async (em, consent, record) => {
      this.mayManage(ctx, record);
      await this.answer(em, ctx, consent, record, input.signerKey, input.decision, {
        method: input.method,
        recordedBy: ctx.principal.userId,
        note: input.note,
      });
    });
  }

  /**
   * Withdrawal: by the signer (digitally) or recorded by the coordinator from an oral or written
   * one. In this one transaction the consent ends, every access it gave ends with it, the log and
   * the audit trail say so; the coordinator's tasks then propose closure or a new consent.
   */
  withdraw(ctx: RequestContext, id: string, input: WithdrawConsentDto, ifMatch: number): Promise<ConsentResponse> {
    return this.change(ctx, id, ifMatch, async (em, consent, record) => {
      let key: string;
      if (ctx.principal.kind === 'citizen') {
        key = this.ownSignerKey(ctx, consent);
      } else {
        this.mayManage(ctx, record);
        if (!input.onBehalfOf) throw fieldError('onBehalfOf', 'Say whose withdrawal you record');
        if (!input.note?.trim()) throw fieldError('note', 'Say how and when the withdrawal was given');
        key = input.onBehalfOf;
      }
      this.apply(() => withdraw(this.state(consent), key, consent.today));
      await em.query(
        `UPDATE consent SET status = 'withdrawn', withdrawn_at = now(), withdrawn_by_user_id = $2, withdrawal_reason = $3, version = version + 1 WHERE id = $1`,
        [consent.id, ctx.principal.userId, input.reason ?? input.note ?? null],
      );
      await this.access.refreshAccess(em, record.id);
      await this.access.log(em, ctx, record.id, 'consent_withdrawn', consent.purpose);
      await this.audit(em, ctx, record, 'withdraw', consent.id);
    });
  }

  get(ctx: RequestContext, id: string): Promise<ConsentResponse> {
    return this.tx.run(ctx, async (em) => {
      const { consent, record } = await this.inScope(em, ctx, id, false);
      await this.audit(em, ctx, record, 'read', consent.id);
      return this.response(em, ctx, consent, record);
    });
  }

  /** Every version of the case's consents, newest first. */
  list(ctx: RequestContext, caseId: string): Promise<ConsentResponse[]> {
    return this.tx.run(ctx, async (em) => {
      const record = await this.access.load(em, ctx, caseId);
      // A draft is the coordinator's work in progress: the family sees a consent once it is sent to them.
      const rows: ConsentRow[] = await em.query(
        `${CONSENT} WHERE c.case_id = $1 AND c.municipality_id = $2 AND NOT ($3::boolean AND c.status = 'draft') ORDER BY c.version_no DESC`,
        [record.id, record.municipalityId, ctx.principal.kind === 'citizen'],
      );
      const answers: ConsentResponse[] = [];
      for (const row of rows) {
        await this.audit(em, ctx, record, 'read', row.id);
        answers.push(await this.response(em, ctx, row, record));
      }
      return answers;
    });
  }

  private async answer(
    em: EntityManager,
    ctx: RequestContext,
    consent: ConsentRow,
    record: CaseRecord,
    signerKey: string,
    decision: 'signed' | 'declined',
    how: { method: 'digital' | 'oral' | 'paper'; recordedBy: string | null; note: string | null },
  ): Promise<void> {
    const answers: Array<{ signerKey: string; decision: 'signed' | 'declined' }> = await em.query(
      'SELECT signer_key AS "signerKey", decision FROM consent_answer WHERE consent_id = $1',
      [consent.id],
    );
    const state = { ...this.state(consent), answers };
    const next = this.apply(() => (decision === 'signed' ? sign(state, signerKey, consent.today) : decline(state, signerKey)));
    const signer = consent.requiredSigners.find((s) => signerKeyOf(s) === signerKey) as RequiredSigner;
    await em.query(
      `INSERT INTO consent_answer (municipality_id, consent_id, signer_key, signer_role, signer_user_id, decision, method, recorded_by_user_id, note)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        record.municipalityId,
        consent.id,
        signerKey,
        signer.role,
        signer.role === 'youth' && ctx.principal.kind === 'citizen' ? ctx.principal.userId : signer.userId,
        decision,
        how.method,
        how.recordedBy,
        how.note,
      ],
    );
    if (next.status === 'active') {
      await em.query(`UPDATE consent SET status = 'active', activated_at = now(), version = version + 1 WHERE id = $1`, [consent.id]);
      // The version it replaces stops giving access now.
      await em.query(
        `UPDATE consent SET status = 'superseded', superseded_at = now(), version = version + 1
          WHERE case_id = $1 AND municipality_id = $2 AND status = 'active' AND id <> $3`,
        [record.id, record.municipalityId, consent.id],
      );
      await this.access.refreshAccess(em, record.id);
      await this.access.log(em, ctx, record.id, 'consent_given', consent.purpose);
    } else if (next.status === 'declined') {
      await em.query(`UPDATE consent SET status = 'declined', declined_at = now(), version = version + 1 WHERE id = $1`, [consent.id]);
      await this.access.log(em, ctx, record.id, 'consent_declined', consent.purpose);
    } else {
      await em.query('UPDATE consent SET version = version + 1 WHERE id = $1', [consent.id]);
    }
    await this.audit(em, ctx, record, decision === 'signed' ? 'sign' : 'decline', consent.id);
  }

  /** A command on a consent in scope (404 outside it), locked, at the version the caller read (412 otherwise). */
  private change(
    ctx: RequestContext,
    id: string,
    ifMatch: number,
    command: (em: EntityManager, consent: ConsentRow, record: CaseRecord) => Promise<void>,
  ): Promise<ConsentResponse> {
    return this.tx.run(ctx, async (em) => {
      const { consent, record } = await this.inScope(em, ctx, id, true);
      assertVersion(consent.version, ifMatch, 'consent');
      await command(em, consent, record);
      return this.response(em, ctx, await this.row(em, id), await this.access.load(em, ctx, record.id));
    });
  }

  /** The consent and its case, in the caller's scope (404 outside it), locked for a change. */
  private async inScope(em: EntityManager, ctx: RequestContext, id: string, lock: boolean) {
    const [ref]: Array<{ caseId: string }> = await em.query(
      'SELECT case_id AS "caseId" FROM consent WHERE id = $1 AND municipality_id = $2',
      [id, ctx.principal.municipalityId],
    );
    if (!ref) throw new NotFoundException();
    const record = await this.access.load(em, ctx, ref.caseId, { lock });
    if (!ctx.ability.can('read', subject('Consent', this.access.facts(record)))) throw new NotFoundException();
    const consent = await this.row(em, id, lock);
    if (ctx.principal.kind === 'citizen' && consent.status === 'draft') throw new NotFoundException();
    return { consent, record };
  }

  private async row(em: EntityManager, id: string, lock = false): Promise<ConsentRow> {
    const [row]: ConsentRow[] = await em.query(`${CONSENT} WHERE c.id = $1${lock ? ' FOR UPDATE OF c' : ''}`, [id]);
    if (!row) throw new NotFoundException();
    return row;
  }

  private state(consent: ConsentRow, signers = consent.requiredSigners): ConsentState {
    return {
      status: consent.status,
      validTo: consent.validTo,
      requiredSigners: signers,
      singleSignatureReason: consent.singleSignatureReason,
      answers: [],
    };
  }

  private apply(transition: () => ConsentState): ConsentState {
    try {
      return transition();
    } catch (error) {
      return ruleError(error);
    }
  }

  private ownSignerKey(ctx: RequestContext, consent: ConsentRow): string {
    const key = signerKeyFor(ctx.principal, consent.childId);
    if (
      !key ||
      !ctx.ability.can('update', subject('Consent', { municipalityId: ctx.principal.municipalityId, childId: consent.childId } as never))
    )
      throw new ForbiddenException('Only the guardians with parental responsibility, or the youth, answer a consent');
    return key;
  }

  private mayManage(ctx: RequestContext, record: CaseRecord): void {
    if (ctx.principal.kind !== 'staff' || !ctx.ability.can('update', subject('Consent', this.access.facts(record))))
      throw new ForbiddenException('Only the coordinator asks for consent and records answers');
  }

  private async settings(em: EntityManager, ctx: RequestContext): Promise<MunicipalitySettings> {
    const [{ settings }]: Array<{ settings: MunicipalitySettings }> = await em.query('SELECT settings FROM municipality WHERE id = $1', [
      ctx.principal.municipalityId,
    ]);
    return settings;
  }

  /** Who must sign for the child today (DOMAIN.md): guardians with parental responsibility; from the consent age the youth. */
  private async signersFor(em: EntityManager, ctx: RequestContext, childId: string): Promise<RequiredSigner[]> {
    const settings = await this.settings(em, ctx);
    const [child]: Array<{ birthDate: string; youthUserId: string | null; today: string }> = await em.query(
      `SELECT to_char(ch.birth_date, 'YYYY-MM-DD') AS "birthDate", to_char(current_date, 'YYYY-MM-DD') AS today,
              (SELECT u.id FROM app_user u WHERE u.municipality_id = ch.municipality_id AND u.kind = 'citizen' AND u.active
                  AND ch.national_id IS NOT NULL AND u.national_id = ch.national_id LIMIT 1) AS "youthUserId"
         FROM child ch WHERE ch.id = $1 AND ch.municipality_id = $2`,
      [childId, ctx.principal.municipalityId],
    );
    const guardians: Array<{ userId: string; parentalResponsibility: boolean }> = await em.query(
      `SELECT g.guardian_user_id AS "userId", g.has_parental_responsibility AS "parentalResponsibility"
         FROM guardianship g JOIN app_user u ON u.id = g.guardian_user_id AND u.municipality_id = g.municipality_id
        WHERE g.child_id = $1 AND g.municipality_id = $2 AND g.ended_at IS NULL AND u.active ORDER BY u.display_name`,
      [childId, ctx.principal.municipalityId],
    );
    return requiredSigners(child, guardians, settings, child.today);
  }

  private async assertKnown(em: EntityManager, ctx: RequestContext, table: 'service' | 'app_user', ids: string[], field: string) {
    if (!ids.length) return;
    const [{ count }]: Array<{ count: number }> = await em.query(
      `SELECT count(*)::int AS count FROM ${table} WHERE municipality_id = $1 AND id = ANY($2::uuid[])`,
      [ctx.principal.municipalityId, ids],
    );
    if (count !== ids.length)
      throw fieldError(field, `${field} must name ${table === 'service' ? 'services' : 'staff'} of your municipality`);
  }

  private audit(em: EntityManager, ctx: RequestContext, record: CaseRecord, action: string, consentId: string): Promise<void> {
    return this.access.record(em, ctx, record, action, 'consent', consentId, 'consent');
  }

  private async response(em: EntityManager, ctx: RequestContext, row: ConsentRow, record: CaseRecord): Promise<ConsentResponse> {
    const status = effectiveStatus(row.status, row.validTo, row.today);
    const signers = row.status === 'draft' ? await this.signersFor(em, ctx, row.childId) : row.requiredSigners;
    const services: Array<{ id: string; name: string }> = await em.query(
      'SELECT id, name FROM service WHERE municipality_id = $1 AND id = ANY($2::uuid[]) ORDER BY name',
      [record.municipalityId, row.serviceIds],
    );
    const people: Array<{ userId: string; displayName: string }> = await em.query(
      'SELECT id AS "userId", display_name AS "displayName" FROM app_user WHERE municipality_id = $1 AND id = ANY($2::uuid[])',
      [record.municipalityId, [...row.excludedUserIds, ...signers.map((s) => s.userId).filter((u): u is string => !!u)]],
    );
    const [child]: Array<{ givenName: string; familyName: string }> = await em.query(
      'SELECT given_name AS "givenName", family_name AS "familyName" FROM child WHERE id = $1',
      [row.childId],
    );
    const answers: Array<{
      signerKey: string;
      decision: 'signed' | 'declined';
      method: 'digital' | 'oral' | 'paper';
      answeredAt: string;
      recordedBy: string | null;
      note: string | null;
    }> = await em.query(
      `SELECT a.signer_key AS "signerKey", a.decision, a.method, ${iso('a.answered_at')} AS "answeredAt", ru.display_name AS "recordedBy", a.note
         FROM consent_answer a LEFT JOIN app_user ru ON ru.id = a.recorded_by_user_id AND ru.municipality_id = a.municipality_id
        WHERE a.consent_id = $1`,
      [row.id],
    );
    const nameOf = (userId: string | null) => people.find((p) => p.userId === userId)?.displayName;
    // A guardian who does not share the child's address protection learns no staff names (S32):
    // the case's view says so, and the names of staff are left out of the answer.
    const staffName = (name: string | null | undefined): string | null => (record.view.whereaboutsHidden ? null : (name ?? null));
    const myKey = signerKeyFor(ctx.principal, row.childId);
    const iAmSigner = myKey !== null && signers.some((s) => signerKeyOf(s) === myKey);
    const days = Math.round((Date.parse(row.validTo) - Date.parse(row.today)) / 86_400_000);
    return {
      id: row.id,
      caseId: row.caseId,
      child,
      versionNo: row.versionNo,
      previousVersionId: row.previousVersionId,
      status,
      purpose: row.purpose,
      categories: row.categories,
      services,
      excludedUsers: row.excludedUserIds.map((userId) => ({ userId, displayName: staffName(nameOf(userId) ?? '') })),
      excludedCategories: row.excludedCategories,
      validFrom: row.validFrom,
      validTo: row.validTo,
      daysLeft: status === 'active' ? days : null,
      signers: signers.map((s) => {
        const answer = answers.find((a) => a.signerKey === signerKeyOf(s));
        return {
          role: s.role,
          userId: s.userId,
          displayName: s.role === 'youth' ? `${child.givenName} ${child.familyName}` : (nameOf(s.userId) ?? ''),
          answer: answer
            ? {
                decision: answer.decision,
                method: answer.method,
                answeredAt: answer.answeredAt,
                recordedBy: staffName(answer.recordedBy),
                note: answer.note,
              }
            : null,
        };
      }),
      singleSignatureReason: row.singleSignatureReason,
      createdBy: { userId: row.createdBy.userId, displayName: staffName(row.createdBy.displayName) },
      createdAt: row.createdAt,
      activatedAt: row.activatedAt,
      withdrawnAt: row.withdrawnAt,
      withdrawalReason: row.withdrawalReason,
      permissions: {
        canManage: ctx.principal.kind === 'staff' && ctx.ability.can('update', subject('Consent', this.access.facts(record))),
        canAnswer: iAmSigner && status === 'pending_signatures' && !answers.some((a) => a.signerKey === myKey),
        canWithdraw: iAmSigner && status === 'active',
      },
      version: row.version,
    };
  }
}
