import { budgetSituation, checkTransition, costPerContact, nextSteps, TransitionContext, withVat } from './agreement-status';
import { isValidRfc, rfcKind } from './rfc';

const ctx = (over: Partial<TransitionContext> = {}): TransitionContext => ({ role: 'press', hasAnalysis: true, hasDeliverables: true, hasContractNumber: true, hasSignedContract: true, pendingUnits: 0, ...over });

describe('media agreement workflow', () => {
  it('walks the whole way with the right roles', () => {
    const path: [string, string, string][] = [
      ['received', 'analysis', 'press'],
      ['analysis', 'proposed', 'press'],
      ['proposed', 'approved', 'director'],
      ['approved', 'signed', 'press'],
      ['signed', 'active', 'press'],
      ['active', 'concluded', 'press'],
    ];
    for (const [from, to, role] of path) expect(checkTransition(from as never, to as never, ctx({ role }))).toEqual({ ok: true });
  });

  it('lets only a director approve or reject', () => {
    expect(checkTransition('proposed', 'approved', ctx({ role: 'press' }))).toEqual({ ok: false, reason: 'agreements.transition.director_only' });
    expect(checkTransition('proposed', 'rejected', ctx({ role: 'admin' }))).toEqual({ ok: false, reason: 'agreements.transition.director_only' });
    expect(checkTransition('proposed', 'rejected', ctx({ role: 'director' }))).toEqual({ ok: true });
    expect(nextSteps('proposed', ctx({ role: 'press' })).map((s) => s.to)).toEqual(['analysis']);
    expect(nextSteps('proposed', ctx({ role: 'director' })).map((s) => s.to)).toEqual(['analysis', 'approved', 'rejected']);
  });

  it('refuses skipped steps and moves out of final states', () => {
    expect(checkTransition('received', 'approved', ctx({ role: 'director' }))).toEqual({ ok: false, reason: 'agreements.transition.not_allowed' });
    expect(checkTransition('rejected', 'analysis', ctx())).toEqual({ ok: false, reason: 'agreements.transition.not_allowed' });
    expect(checkTransition('concluded', 'active', ctx())).toEqual({ ok: false, reason: 'agreements.transition.not_allowed' });
    expect(nextSteps('concluded', ctx())).toEqual([]);
  });

  it('asks for the analysis, the deliverables, the contract and every delivery', () => {
    expect(checkTransition('analysis', 'proposed', ctx({ hasAnalysis: false }))).toEqual({ ok: false, reason: 'agreements.transition.needs_analysis' });
    expect(checkTransition('analysis', 'proposed', ctx({ hasDeliverables: false }))).toEqual({ ok: false, reason: 'agreements.transition.needs_deliverables' });
    expect(checkTransition('approved', 'signed', ctx({ hasContractNumber: false }))).toEqual({ ok: false, reason: 'agreements.transition.needs_contract_number' });
    expect(checkTransition('approved', 'signed', ctx({ hasSignedContract: false }))).toEqual({ ok: false, reason: 'agreements.transition.needs_signed_contract' });
    expect(checkTransition('active', 'concluded', ctx({ pendingUnits: 3 }))).toEqual({ ok: false, reason: 'agreements.transition.needs_deliveries' });
    expect(nextSteps('active', ctx({ pendingUnits: 1 }))).toEqual([{ to: 'concluded', ok: false, reason: 'agreements.transition.needs_deliveries' }]);
  });

  it('computes VAT to the centavo, cost per contact and the budget warning', () => {
    expect(withVat(10000)).toEqual({ subtotal: 10000, vat: 1600, total: 11600 });
    expect(withVat(1234.57)).toEqual({ subtotal: 1234.57, vat: 197.53, total: 1432.1 });
    expect(costPerContact(11600, 45000)).toBe(0.2578);
    expect(costPerContact(11600, null)).toBeNull();
    const line = { assigned: 500000, modified: 450000 };
    expect(budgetSituation(line, 400000, 100000, 50000)).toMatchObject({ authorized: 450000, available: 50000, after: 450000, exceeds: false });
    expect(budgetSituation(line, 400000, 100000, 50000.01).exceeds).toBe(true);
    expect(budgetSituation({ assigned: 100, modified: null }, 0, 0, 100).exceeds).toBe(false);
  });
});

describe('RFC', () => {
  it('accepts companies, people and the generic RFCs', () => {
    for (const ok of ['RHU970714AB7', 'rhu-970714-ab7', 'GOMA800229QZ0', 'XAXX010101000', 'XEXX010101000', 'A&B010203A16', 'ÑAN050505ZZ4']) expect(isValidRfc(ok)).toBe(true);
    expect(rfcKind('RHU970714AB7')).toBe('moral');
    expect(rfcKind('GOMA800229QZ0')).toBe('fisica');
  });
  it('checks the SAT check digit (the last character)', () => {
    // GODE561231GR8 is SAT's own example; SAT970701NN3 and CFE370814QI0 are real companies.
    for (const ok of ['GODE561231GR8', 'SAT970701NN3', 'CFE370814QI0']) expect(isValidRfc(ok)).toBe(true);
    for (const bad of ['GODE561231GR9', 'GODE561231GRA', 'GODE561231GR0', 'SAT970701NN4', 'CFE370814QIA']) expect(isValidRfc(bad)).toBe(false);
  });
  it('refuses bad shapes and impossible dates', () => {
    for (const bad of ['', 'RHU97071', 'RH970714AB1', 'RHU971314AB1', 'RHU970732AB1', 'GOMA810229QZ3', 'RHU970714AB', '1HU970714AB1', 'RHU970714AB7X', 'RHU970714ABZ']) expect(isValidRfc(bad)).toBe(false);
  });
});
