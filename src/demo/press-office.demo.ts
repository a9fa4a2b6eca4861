import { Inject, Injectable } from '@nestjs/common';
import sharp from 'sharp';
import { EntityManager } from 'typeorm';
import { Actor, SYSTEM_ACTOR } from '../audit/audit-actor';
import { MediaBankService } from '../media-bank/media-bank.service';
import { UsageRights } from '../media-bank/media-kinds';
import { PressReleasesService } from '../press-releases/press-releases.service';
import { SocialService } from '../social/social.service';
import { localDate } from '../common/local-time';
import { APP_CONFIG, AppConfig } from '../config/config';

const PHOTOS: { title: string; caption: string; tags: string; colors: [string, string]; dep: string; event?: string; rights?: UsageRights; place: string; credit: string; daysAgo: number }[] = [
  { title: 'Arranque de la pavimentación de la calle Hidalgo', caption: 'La Presidenta Municipal da el banderazo de la pavimentación de la calle Hidalgo.', tags: 'obra pública, pavimentación, calle Hidalgo', colors: ['#5c1530', '#f0b429'], dep: 'Obras Públicas', event: 'obra', place: 'Calle Hidalgo, Centro', credit: 'Luis Hernández', daysAgo: 9 },
  { title: 'Maquinaria en la calle Hidalgo', caption: 'Trabajos de compactación en la calle Hidalgo esquina Zaragoza.', tags: 'obra pública, pavimentación', colors: ['#1e5b4f', '#c9d66b'], dep: 'Obras Públicas', event: 'obra', place: 'Calle Hidalgo, Centro', credit: 'Luis Hernández', daysAgo: 9 },
  { title: 'Vecinos de la calle Hidalgo en el arranque de obra', caption: 'Vecinas y vecinos acompañaron el inicio de los trabajos.', tags: 'obra pública, comunidad', colors: ['#7a1f3d', '#e8a87c'], dep: 'Obras Públicas', event: 'obra', rights: 'consent', place: 'Calle Hidalgo, Centro', credit: 'Luis Hernández', daysAgo: 9 },
  { title: 'Jornada de vacunación en el DIF', caption: 'Personal de salud aplica vacunas a niñas y niños en las instalaciones del DIF Municipal.', tags: 'salud, vacunación, DIF', colors: ['#1d4f91', '#9ad1f5'], dep: 'DIF Municipal', event: 'salud', rights: 'consent', place: 'DIF Municipal, Tampacán', credit: 'María Santiago', daysAgo: 6 },
  { title: 'Entrega de uniformes escolares', caption: 'Alumnos de la Escuela Primaria Benito Juárez reciben sus uniformes.', tags: 'educación, uniformes', colors: ['#8a5300', '#f6d365'], dep: 'Desarrollo Social', event: 'uniformes', rights: 'consent', place: 'Cabecera municipal', credit: 'María Santiago', daysAgo: 4 },
  { title: 'Uniformes listos para su entrega', caption: 'Paquetes de uniformes preparados por Desarrollo Social.', tags: 'educación, uniformes', colors: ['#3d5a80', '#ee6c4d'], dep: 'Desarrollo Social', event: 'uniformes', place: 'Cabecera municipal', credit: 'María Santiago', daysAgo: 4 },
  { title: 'Plaza principal renovada', caption: 'Así luce la plaza principal de Tampacán tras su rehabilitación.', tags: 'obra pública, plaza, Tampacán centro', colors: ['#2a9d8f', '#e9c46a'], dep: 'Obras Públicas', rights: 'free', place: 'Plaza principal, Tampacán', credit: 'Comunicación Social', daysAgo: 20 },
  { title: 'Kiosco iluminado', caption: 'El kiosco de la plaza con su nueva iluminación.', tags: 'plaza, alumbrado', colors: ['#264653', '#f4a261'], dep: 'Servicios Municipales', rights: 'free', place: 'Plaza principal, Tampacán', credit: 'Comunicación Social', daysAgo: 19 },
  { title: 'Recolección de basura en la colonia Centro', caption: 'El nuevo camión recolector inicia su ruta.', tags: 'servicios, limpieza, recolección', colors: ['#386641', '#a7c957'], dep: 'Servicios Municipales', place: 'Colonia Centro', credit: 'Luis Hernández', daysAgo: 14 },
  { title: 'Simulacro de Protección Civil', caption: 'Brigadistas durante el simulacro en el Palacio Municipal.', tags: 'protección civil, simulacro', colors: ['#b42318', '#ffb4a2'], dep: 'Protección Civil', place: 'Palacio Municipal', credit: 'María Santiago', daysAgo: 12 },
  { title: 'Sesión de Cabildo', caption: 'Sesión ordinaria del H. Cabildo.', tags: 'cabildo, sesión', colors: ['#5c1530', '#d0d7de'], dep: 'Secretaría General', rights: 'institutional', place: 'Sala de Cabildo', credit: 'Comunicación Social', daysAgo: 3 },
  { title: 'Foto de archivo (no usar)', caption: 'Imagen retirada a petición de las personas retratadas.', tags: 'archivo', colors: ['#555d66', '#eef0f3'], dep: 'Comunicación Social', rights: 'consent', place: 'Tampacán', credit: 'Archivo', daysAgo: 40 },
];

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A small real JPEG: a coloured gradient with a caption (made at seed time, no network). */
function demoJpeg(text: string, [a, b]: [string, string]): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="800"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="${a}"/><stop offset="1" stop-color="${b}"/></linearGradient></defs><rect width="100%" height="100%" fill="url(#g)"/><rect x="0" y="660" width="1200" height="140" fill="#000" fill-opacity="0.45"/><text x="40" y="745" font-family="DejaVu Sans, Arial, sans-serif" font-size="44" fill="#fff">${esc(text)}</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 78 }).toBuffer();
}

/** The press office's demo records: the media bank, releases in every state, Facebook posts. */
@Injectable()
export class PressOfficeDemo {
  constructor(
    private readonly bank: MediaBankService,
    private readonly releases: PressReleasesService,
    private readonly social: SocialService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async seed(m: EntityManager, departments: Map<string, number>, events: Map<string, number> = new Map()): Promise<void> {
    const press: Actor = { userId: null, label: 'prensa@tampacan.gob.mx', ip: null, role: 'press' };
    const director: Actor = { userId: null, label: 'presidenta@tampacan.gob.mx', ip: null, role: 'director' };
    const day = (daysAgo: number) => new Date(Date.now() - daysAgo * 86400_000).toISOString().slice(0, 10);
    const collection = await this.bank.createCollection({ name: 'Obras 2026', description: 'Fotografías de las obras públicas del año.' }, SYSTEM_ACTOR, m);
    const ids: number[] = [];
    for (const p of PHOTOS) {
      const res = await this.bank.ingestBuffer(
        await demoJpeg(p.title, p.colors),
        `${p.title.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.jpg`,
        { title: p.title, caption: p.caption, credit: p.credit, tags: p.tags, place: p.place, takenOn: day(p.daysAgo), eventId: p.event ? events.get(p.event) : undefined, departmentId: departments.get(p.dep), rights: p.rights ?? 'institutional', collectionId: p.tags.includes('obra pública') ? collection.id : undefined },
        SYSTEM_ACTOR,
        m,
      );
      if (!res.ok) throw new Error(`demo photo refused: ${res.reason}`);
      ids.push(res.asset.id);
    }
    await m.query(`UPDATE media_assets SET do_not_use = true WHERE id = $1`, [ids[11]]);

    const release = async (fields: { title: string; subtitle?: string; body: string; quotes?: string; dep: string; event?: string; daysAgo: number }, photos: number[], steps: ('submit' | 'approve' | 'send' | 'publish')[]) => {
      const r = await this.releases.create({ title: fields.title, subtitle: fields.subtitle, place: 'Tampacán, S.L.P.', releaseDate: day(fields.daysAgo), body: fields.body, quotes: fields.quotes, departmentId: departments.get(fields.dep), eventId: fields.event ? events.get(fields.event) : undefined }, press, m);
      if (photos.length) await this.releases.setMedia(r.id, photos.map((assetId) => ({ assetId, caption: null })), press, m);
      for (const s of steps) await this.releases.act(r.id, { action: s }, s === 'approve' ? director : press, m);
      return r;
    };
    const paving = await release(
      {
        title: 'Arranca la pavimentación de la calle Hidalgo',
        subtitle: 'La obra beneficiará a más de 1,200 habitantes del centro de Tampacán',
        body: 'Con recursos del Fondo de Aportaciones para la Infraestructura Social, la Presidenta Municipal dio el banderazo de arranque a la pavimentación con concreto hidráulico de la calle Hidalgo, entre Zaragoza y Morelos.\n\nLa obra, de 420 metros lineales, incluye guarniciones, banquetas y drenaje pluvial, y se prevé concluirla en un plazo de 90 días.\n\n## Trabajo coordinado con la comunidad\n\nEl comité de obra, integrado por vecinas y vecinos, dará seguimiento a los avances.',
        quotes: '«Esta calle era una petición de hace muchos años; hoy cumplimos» — Mtra. Rosa Elena Téllez, Presidenta Municipal',
        dep: 'Obras Públicas',
        event: 'obra',
        daysAgo: 0,
      },
      [ids[0], ids[1]],
      ['submit', 'approve', 'send'],
    );
    await release(
      {
        title: 'DIF Municipal aplica más de 400 vacunas en jornada de salud',
        subtitle: 'La jornada continuará en las comunidades la próxima semana',
        body: 'El Sistema DIF Municipal, en coordinación con la Jurisdicción Sanitaria, realizó una jornada de vacunación en la que se aplicaron más de 400 dosis a niñas, niños y personas adultas mayores.\n\n- Sarampión, rubéola y parotiditis\n- Influenza estacional\n- Tétanos y difteria',
        dep: 'DIF Municipal',
        event: 'salud',
        daysAgo: 6,
      },
      [ids[3]],
      ['submit', 'approve', 'publish'],
    );
    await release(
      { title: 'Entregan uniformes escolares a alumnos de primaria', subtitle: 'Alumnos de seis primarias recibieron su uniforme', body: 'La Presidenta Municipal y el DIF Municipal entregaron 600 uniformes escolares a alumnos de seis escuelas primarias del municipio.', dep: 'Desarrollo Social', event: 'uniformes', daysAgo: 4 },
      [ids[4], ids[5]],
      ['submit', 'approve'],
    );
    await release({ title: 'Sesión ordinaria del H. Cabildo aprueba el programa de obra', body: 'En sesión ordinaria, el H. Cabildo aprobó por unanimidad el programa de obra pública para el presente ejercicio.', dep: 'Secretaría General', event: 'cabildo', daysAgo: 0 }, [ids[10]], ['submit']);
    await release({ title: 'Simulacro de evacuación en el Palacio Municipal', body: 'Borrador: Protección Civil realizó un simulacro de evacuación…', dep: 'Protección Civil', daysAgo: 1 }, [], []);

    const link = this.releases.absolute(this.releases.newsroomPath(paving));
    await this.social.compose({ text: 'Arrancamos la pavimentación de la calle Hidalgo: 420 metros de concreto hidráulico que beneficiarán a más de 1,200 personas. 🚧', link, releaseId: paving.id, intent: 'publish' }, [ids[0], ids[1]], press, m);
    const inTwoDays = new Date(Date.now() + 2 * 86400_000);
    const local = localDate(inTwoDays, this.config.TIMEZONE);
    await this.social.compose({ text: 'Este sábado, concierto de la banda municipal en el kiosco de la plaza principal. ¡Los esperamos a las 19:00 h!', scheduledAt: `${local}T10:00`, intent: 'draft' }, [ids[7]], press, m);
  }
}
