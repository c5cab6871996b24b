// The published result (/result.html#e=<election>): the ranking, each candidate's majority grade and
// mention, the merit profiles as bars (widths set through the CSSOM, which the CSP allows) with a
// table of counts and shares beside each, the turnout, how ties were broken, and the public record
// with how to verify it. Everything shown comes from the result the count wrote; nothing is typed.
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';

  OP.texts({
    fr: {
      skip: 'Aller au contenu', home: 'Accueil', heading: 'Résultat', loading: 'Chargement…',
      broken: 'Ce lien est incomplet' + NBSP + ': il doit finir par #e= suivi de l’identifiant de l’élection.',
      notPublished: 'Le résultat de cette élection n’est pas encore publié.',
      notFound: 'Aucune élection publique ne correspond à ce lien.',
      unavailable: 'Le service ne répond pas' + NBSP + ': réessayez dans un instant.',
      resultOf: 'Résultat' + NBSP + ': {0}',
      turnout: '{0} votes comptés pour {1} électeurs inscrits' + NBSP + ': participation de {2}' + NBSP + '%.',
      rankingHeading: 'Classement', rankingCaption: 'Classement au jugement majoritaire',
      rank: 'Rang', candidate: 'Candidat', mention: 'Mention majoritaire', tied: '{0} ex æquo', none: '—',
      profilesHeading: 'Profils de mérite',
      profilesIntro: 'Pour chaque candidat, la part des votants qui lui ont donné chaque mention, de la meilleure'
        + ' (à gauche) à la moins bonne. La mention sous le trait des 50' + NBSP + '% est sa mention majoritaire.',
      legend: 'Mentions, de gauche à droite' + NBSP + ':',
      profileOf: '{0}. {1} — {2}',
      tableCaption: 'Votes pour {0}, par mention',
      grade: 'Mention', votes: 'Votes', share: 'Part', majority: '{0} (mention majoritaire)',
      rulesHeading: 'Comment le classement est établi',
      rules: 'Chaque votant a donné une mention à chaque candidat. La mention majoritaire d’un candidat est la'
        + ' mention médiane' + NBSP + ': au moins la moitié des votants lui ont donné cette mention ou mieux,'
        + ' et au moins la moitié cette mention ou moins bien. Les candidats sont classés selon leur mention'
        + ' majoritaire. À égalité, on retire une mention médiane à chacun, une à la fois, jusqu’à ce qu’ils se'
        + ' départagent (règle de Balinski et Laraki)' + NBSP + '; seuls des votes identiques laissent une égalité.',
      mentionRule: 'Un «' + NBSP + '+' + NBSP + '» après la mention signifie que plus de votants lui ont donné mieux'
        + ' que moins bien' + NBSP + '; un «' + NBSP + '−' + NBSP + '», l’inverse (ou autant).',
      tieBroken: '{0} et {1} ont la même mention majoritaire, {2}. En retirant leurs mentions médianes une à une,'
        + ' ils se départagent après {3}' + NBSP + ': {0} a alors {4}, {1} a {5}. {0} passe devant.',
      removals1: 'un retrait', removals: '{0} retraits',
      tieShared: '{0} et {1} ont reçu exactement les mêmes votes' + NBSP + ': ils partagent le rang {2}.',
      tieGeneral: '{0} et {1} ont la même mention majoritaire, {2}' + NBSP + '; la règle ci-dessus place {0} devant.',
      noTie: 'Aucune égalité de mention majoritaire n’a eu à être départagée.',
      verifyHeading: 'Vérifier le résultat vous-même',
      verifyIntro: 'Le registre public contient tout ce qu’il faut pour refaire le compte sans nous faire'
        + ' confiance' + NBSP + ': le scellé de l’élection, chaque reçu dans l’ordre de l’urne avec ses points de'
        + ' contrôle signés, les bulletins déchiffrés (mélangés, sans lien avec les votants) et ce résultat.',
      downloadRecord: 'Télécharger le registre public (JSON)',
      verify1: 'Procurez-vous le vérificateur tally, un programme Java libre, indépendant de la plateforme'
        + ' (openprimary-tally-cli.jar, construit depuis le code source d’OpenPrimary).',
      verify2: 'Dans un terminal, avec Java 17 ou plus récent' + NBSP + ':',
      verify3: 'Il recalcule l’empreinte du scellé, la chaîne des reçus et chaque point de contrôle signé, recompte'
        + ' les bulletins et compare avec ce résultat. «' + NBSP + 'record verified: 7 checks passed' + NBSP + '»'
        + ' (code de sortie 0) signifie que tout concorde' + NBSP + '; sinon il dit quelle vérification échoue et où.',
      verifyMore: 'Vous pouvez aussi chercher votre reçu dans la liste des reçus du registre.',
      checkReceipt: 'Vérifier un reçu'
    },
    en: {
      skip: 'Skip to content', home: 'Home', heading: 'Result', loading: 'Loading…',
      broken: 'This link is incomplete: it must end with #e= and the election’s id.',
      notPublished: 'The result of this election is not published yet.',
      notFound: 'No public election matches this link.',
      unavailable: 'The service does not answer: try again in a moment.',
      resultOf: 'Result: {0}',
      turnout: '{0} votes counted for {1} registered voters: turnout {2}' + NBSP + '%.',
      rankingHeading: 'Ranking', rankingCaption: 'Ranking by majority judgment',
      rank: 'Rank', candidate: 'Candidate', mention: 'Majority grade', tied: '{0} (tied)', none: '—',
      profilesHeading: 'Merit profiles',
      profilesIntro: 'For each candidate, the share of voters who gave each grade, from the best (left) to the'
        + ' worst. The grade under the 50' + NBSP + '% line is the majority grade.',
      legend: 'Grades, left to right:',
      profileOf: '{0}. {1} — {2}',
      tableCaption: 'Votes for {0}, per grade',
      grade: 'Grade', votes: 'Votes', share: 'Share', majority: '{0} (majority grade)',
      rulesHeading: 'How the ranking is made',
      rules: 'Every voter gave every candidate a grade. A candidate’s majority grade is the median grade: at least'
        + ' half the voters gave that grade or better, and at least half that grade or worse. Candidates are'
        + ' ranked by majority grade. On a tie, one median grade is set aside from each, one at a time, until'
        + ' they differ (Balinski and Laraki’s rule); only identical votes leave a tie.',
      mentionRule: 'A “+” after the grade means more voters gave a better grade than a worse one; a “−”, the'
        + ' opposite (or as many).',
      tieBroken: '{0} and {1} have the same majority grade, {2}. Setting aside their median grades one at a'
        + ' time, they differ after {3}: {0} then has {4}, {1} has {5}. {0} ranks ahead.',
      removals1: 'one removal', removals: '{0} removals',
      tieShared: '{0} and {1} received exactly the same votes: they share rank {2}.',
      tieGeneral: '{0} and {1} have the same majority grade, {2}; the rule above puts {0} ahead.',
      noTie: 'No tie of majority grades had to be broken.',
      verifyHeading: 'Verify the result yourself',
      verifyIntro: 'The public record holds everything needed to redo the count without trusting us: the'
        + ' election’s seal, every receipt in the order of the box with its signed checkpoints, the decrypted'
        + ' ballots (shuffled, with no link to voters) and this result.',
      downloadRecord: 'Download the public record (JSON)',
      verify1: 'Get the tally verifier, a free Java program independent of the platform'
        + ' (openprimary-tally-cli.jar, built from OpenPrimary’s source code).',
      verify2: 'In a terminal, with Java 17 or later:',
      verify3: 'It recomputes the seal’s fingerprint, the chain of receipts and every signed checkpoint, recounts'
        + ' the ballots and compares them with this result. “record verified: 7 checks passed” (exit code 0)'
        + ' means everything matches; otherwise it says which check fails and where.',
      verifyMore: 'You can also look for your receipt in the record’s list of receipts.',
      checkReceipt: 'Check a receipt'
    }
  });

  function $(id) {
    return document.getElementById(id);
  }

  function colour(grade, grades) {
    // red (worst) through yellow to green (best); light enough for dark text on it
    var hue = grades > 1 ? Math.round(120 * grade / (grades - 1)) : 120;
    return 'hsl(' + hue + ', 70%, 72%)';
  }

  function percent(share) {
    return OP.number(Number(share), { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  }

  function cell(tag, key, params, scope) {
    var node = OP.el(tag);
    if (scope) {
      node.scope = scope;
    }
    return key ? OP.say(node, key, params) : node;
  }

  function median(counts, total) {
    var position = Math.floor((total + 1) / 2);
    var seen = 0;
    for (var g = 0; g < counts.length; g++) {
      seen += counts[g];
      if (seen >= position) {
        return g;
      }
    }
    return counts.length - 1;
  }

  // Balinski and Laraki's comparison, one removal at a time: where do two profiles part?
  function parting(a, b, total) {
    var ca = a.slice();
    var cb = b.slice();
    for (var removed = 0, n = total; n > 0 && removed < 5000000; removed++, n--) {
      var ma = median(ca, n);
      var mb = median(cb, n);
      if (ma !== mb) {
        return { removed: removed, a: ma, b: mb };
      }
      ca[ma] -= 1;
      cb[mb] -= 1;
    }
    return n === 0 ? { removed: removed, a: null, b: null } : null;
  }

  function show(election, result, turnout) {
    var grades = result.grades;
    var byIndex = result.candidates;
    var ranked = result.ranking.map(function (i) {
      return byIndex[i];
    });
    var name = function (c) {
      return c.name === null ? '#' + (c.index + 1) : c.name;
    };
    var shared = {};
    ranked.forEach(function (c) {
      shared[c.rank] = (shared[c.rank] || 0) + 1;
    });

    OP.say($('title'), 'resultOf', [election ? election.title : '']);
    document.title = $('title').textContent + ' — OpenPrimary';
    OP.onLanguage(function () {
      document.title = $('title').textContent + ' — OpenPrimary';
    });
    OP.say($('turnout'), 'turnout', function () {
      return [OP.number(result.ballots), OP.number(turnout ? turnout.rollSize : 0),
        OP.number(turnout ? Number(turnout.percent) : 0, { minimumFractionDigits: 2, maximumFractionDigits: 2 })];
    });

    var rows = $('ranking-rows');
    rows.replaceChildren();
    ranked.forEach(function (c) {
      var row = OP.el('tr');
      row.appendChild(shared[c.rank] > 1 ? cell('td', 'tied', [c.rank]) : OP.el('td', null, String(c.rank)));
      row.appendChild(cell('th', null, null, 'row')).textContent = name(c);
      row.appendChild(c.mention === null ? cell('td', 'none') : OP.el('td', null, c.mention));
      rows.appendChild(row);
    });

    var legend = $('legend');
    legend.replaceChildren(OP.say(OP.el('span'), 'legend'));
    for (var g = grades.length - 1; g >= 0; g--) {
      var item = OP.el('span', 'legend-item');
      var swatch = OP.el('span', 'swatch');
      swatch.setAttribute('aria-hidden', 'true');
      swatch.style.backgroundColor = colour(g, grades.length);
      item.appendChild(swatch);
      item.appendChild(document.createTextNode(grades[g]));
      legend.appendChild(document.createTextNode(' '));
      legend.appendChild(item);
    }

    var profiles = $('profiles');
    profiles.replaceChildren();
    ranked.forEach(function (c) {
      var section = OP.el('section', 'profile');
      section.appendChild(OP.say(OP.el('h3'), 'profileOf', function (l) {
        return [c.rank, name(c), c.mention === null ? '—' : c.mention];
      }));
      var bar = OP.el('div', 'bar');
      bar.setAttribute('aria-hidden', 'true');
      for (var g = grades.length - 1; g >= 0; g--) {
        var share = Number(c.shares[g]);
        if (c.counts[g] === 0) {
          continue;
        }
        var segment = OP.el('span', 'segment' + (g === c.majorityGrade ? ' at-median' : ''));
        segment.style.width = (100 * c.counts[g] / result.ballots) + '%';
        segment.style.backgroundColor = colour(g, grades.length);
        if (share >= 0.12) {
          segment.textContent = percent(share);
        }
        bar.appendChild(segment);
      }
      var median = OP.el('div', 'median'); // the 50 % line, above and below the bar, never through its labels
      median.setAttribute('aria-hidden', 'true');
      median.appendChild(bar);
      section.appendChild(median);

      var table = OP.el('table', 'counts');
      table.appendChild(OP.say(OP.el('caption'), 'tableCaption', [name(c)]));
      var head = OP.el('tr');
      head.appendChild(cell('th', 'grade', null, 'col'));
      head.appendChild(cell('th', 'votes', null, 'col'));
      head.appendChild(cell('th', 'share', null, 'col'));
      var thead = OP.el('thead');
      thead.appendChild(head);
      table.appendChild(thead);
      var body = OP.el('tbody');
      for (var h = grades.length - 1; h >= 0; h--) {
        var row = OP.el('tr', h === c.majorityGrade ? 'majority' : '');
        var label = cell('th', null, null, 'row');
        if (h === c.majorityGrade) {
          OP.say(label, 'majority', [grades[h]]);
        } else {
          label.textContent = grades[h];
        }
        row.appendChild(label);
        row.appendChild(OP.el('td', 'number')).textContent = OP.number(c.counts[h]);
        var shareCell = row.appendChild(OP.el('td', 'number'));
        OP.say(shareCell, 'asIs', (function (s) {
          return function () {
            return [percent(s)];
          };
        }(c.shares[h])));
        body.appendChild(row);
      }
      table.appendChild(body);
      section.appendChild(table);
      profiles.appendChild(section);
    });

    var ties = $('ties');
    ties.replaceChildren();
    for (var i = 1; i < ranked.length; i++) {
      var first = ranked[i - 1];
      var second = ranked[i];
      if (first.majorityGrade === null || first.majorityGrade !== second.majorityGrade) {
        continue;
      }
      var line = OP.el('li');
      var part = parting(first.counts, second.counts, result.ballots);
      if (first.rank === second.rank) {
        OP.say(line, 'tieShared', [name(first), name(second), first.rank]);
      } else if (part && part.a !== null && part.a > part.b) {
        OP.say(line, 'tieBroken', (function (a, b, grade, removed, ga, gb) {
          return function () {
            return [a, b, grade, removed === 1 ? OP.t('removals1') : OP.t('removals', [OP.number(removed)]), ga, gb];
          };
        }(name(first), name(second), grades[first.majorityGrade], part.removed, grades[part.a], grades[part.b])));
      } else {
        OP.say(line, 'tieGeneral', [name(first), name(second), grades[first.majorityGrade]]);
      }
      ties.appendChild(line);
    }
    if (!ties.firstChild) {
      ties.appendChild(OP.say(OP.el('li'), 'noTie'));
    }

    var id = result.election || election.id;
    var record = $('record');
    record.href = 'api/elections/' + id + '/record';
    record.download = 'record-' + id + '.json';
    $('verify-command').textContent = 'java -jar openprimary-tally-cli.jar verify record-' + id + '.json';
    $('receipt-link').href = 'receipt.html#e=' + id;
    $('status').hidden = true;
    $('result').hidden = false;
  }

  OP.start();
  var id = OP.fragment().get('e');
  var status = $('status');
  if (!OP.isId(id)) {
    OP.say(status, 'broken');
    return;
  }
  Promise.all([
    OP.call('GET', 'api/elections'),
    OP.call('GET', 'api/elections/' + id + '/result'),
    OP.call('GET', 'api/elections/' + id + '/turnout')
  ]).then(function (answers) {
    var list = answers[0].status === 200 && Array.isArray(answers[0].data) ? answers[0].data : [];
    var election = list.filter(function (e) {
      return e.id === id;
    })[0];
    var result = answers[1];
    if (result.status === 200 && result.data) {
      return show(election || { id: id, title: '' }, result.data, answers[2].status === 200 ? answers[2].data : null);
    }
    if (result.status === 404) {
      if (election) {
        OP.say($('title'), 'resultOf', [election.title]);
      }
      return OP.say(status, election || answers[0].status !== 200 ? 'notPublished' : 'notFound');
    }
    OP.say(status, 'unavailable');
  });
}());
