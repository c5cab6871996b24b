// The practice ballot: the same grid as vote.html (one real radio group per candidate, best grade
// first, nothing pre-selected), for an election before voting opens (#e=<id>, else the first one
// open for registration), or for sample candidates. It counts for nothing: the page calls no API
// that stores anything (only the public list of elections), and everything stays in this page.
// Once every candidate is graded, it shows how majority judgment reads the ballot together with
// four imaginary voters' ballots: each candidate's majority grade is their median grade, and ties
// are broken by removing median grades one by one.
(function () {
  'use strict';
  var OP = window.OP;
  var NBSP = '\u00a0';
  var SAMPLE = { title: null, candidates: ['Alex', 'Camille', 'Sami'],
    grades: ['Insuffisant', 'Passable', 'Assez bien', 'Bien', 'Très bien'] };
  var IMAGINARY = 4;

  OP.texts({
    fr: {
      skip: 'Aller au contenu', home: 'Accueil', registerLink: 'S’inscrire', heading: 'S’entraîner à voter',
      nothingCounts: 'Ce bulletin d’entraînement ne compte pour rien' + NBSP + ': rien n’est envoyé ni enregistré.'
        + ' Il vous montre comment se présente le vrai bulletin et comment le jugement majoritaire le lit.',
      howHeading: 'Le jugement majoritaire en bref',
      how1: 'Vous donnez une mention à chaque candidat, de «' + NBSP + 'Très bien' + NBSP + '» à «' + NBSP
        + 'Insuffisant' + NBSP + '». Plusieurs candidats peuvent avoir la même mention.',
      how2: 'La mention majoritaire d’un candidat est sa mention médiane' + NBSP + ': au moins la moitié des votants'
        + ' lui donnent cette mention ou mieux, et au moins la moitié cette mention ou moins bien.',
      how3: 'Le candidat élu est celui qui a la meilleure mention majoritaire.',
      how4: 'En cas d’égalité, on retire une mention médiane à chacun des candidats à égalité, et on recalcule leur'
        + ' médiane' + NBSP + '; on recommence jusqu’à ce qu’ils se départagent.',
      ballotSample: 'Bulletin d’entraînement (candidats d’exemple)',
      ballotFor: 'Bulletin d’entraînement' + NBSP + ': {0}',
      ballotIntro: 'Donnez une mention à chaque candidat. Tous doivent recevoir une mention.',
      summaryHeading: 'Il manque des mentions',
      missing: 'Choisissez une mention pour {0}.',
      cast: 'Voter (entraînement)',
      resultHeading: 'Ce que donnerait votre bulletin',
      resultIntro: 'Votre bulletin, compté avec ceux de 4 votants imaginaires. Les mentions de chaque candidat sont'
        + ' rangées de la moins bonne à la meilleure' + NBSP + '; la mention médiane est entre crochets.',
      tableCaption: 'Mentions majoritaires (entraînement, rien n’est compté)',
      colRank: 'Rang', colCandidate: 'Candidat', colMajority: 'Mention majoritaire',
      gradesHeading: 'Les 5 mentions de chaque candidat',
      gradesOf: NBSP + ': {0} (votre mention' + NBSP + ': {1})',
      tie: '{0} et {1} ont la même mention majoritaire, {2}' + NBSP + ': après {3} retrait(s) de la mention médiane,'
        + ' {0} a {4} et {1} a {5}.',
      tieForGood: '{0} et {1} ont exactement les mêmes mentions' + NBSP + ': ils restent à égalité.',
      again: 'Recommencer'
    },
    en: {
      skip: 'Skip to content', home: 'Home', registerLink: 'Register', heading: 'Practise voting',
      nothingCounts: 'This practice ballot counts for nothing: nothing is sent or stored. It shows you what the real'
        + ' ballot looks like and how majority judgment reads it.',
      howHeading: 'Majority judgment in short',
      how1: 'You give each candidate a grade, from “Très bien” (excellent) to “Insuffisant” (poor). Several'
        + ' candidates may get the same grade.',
      how2: 'A candidate’s majority grade is their median grade: at least half of the voters give them this grade or'
        + ' better, and at least half this grade or worse.',
      how3: 'The winner is the candidate with the best majority grade.',
      how4: 'When candidates tie, one median grade is removed from each of them and their median is computed again;'
        + ' this goes on until they differ.',
      ballotSample: 'Practice ballot (sample candidates)',
      ballotFor: 'Practice ballot: {0}',
      ballotIntro: 'Give each candidate a grade. Every candidate needs a grade.',
      summaryHeading: 'Some grades are missing',
      missing: 'Choose a grade for {0}.',
      cast: 'Vote (practice)',
      resultHeading: 'What your ballot would give',
      resultIntro: 'Your ballot, counted with those of 4 imaginary voters. Each candidate’s grades are listed from'
        + ' the worst to the best; the median grade is in brackets.',
      tableCaption: 'Majority grades (practice, nothing is counted)',
      colRank: 'Rank', colCandidate: 'Candidate', colMajority: 'Majority grade',
      gradesHeading: 'Each candidate’s 5 grades',
      gradesOf: ': {0} (your grade: {1})',
      tie: '{0} and {1} have the same majority grade, {2}: after removing the median grade {3} time(s), {0} has {4}'
        + ' and {1} has {5}.',
      tieForGood: '{0} and {1} have exactly the same grades: they remain tied.',
      again: 'Start again'
    }
  });

  var election = SAMPLE;
  var choice = [];

  function $(id) {
    return document.getElementById(id);
  }

  function build() {
    if (election.title) {
      OP.say($('ballot-heading'), 'ballotFor', [election.title]);
    } else {
      OP.say($('ballot-heading'), 'ballotSample');
    }
    var place = $('ballot');
    place.replaceChildren();
    choice = election.candidates.map(function () {
      return null;
    });
    var best = election.grades.slice().reverse();
    election.candidates.forEach(function (name, i) {
      var set = OP.el('fieldset', 'candidate');
      set.id = 'cand-' + i;
      set.appendChild(OP.el('legend', null, name));
      var error = OP.el('p', 'error');
      error.id = 'cand-' + i + '-error';
      error.hidden = true;
      set.setAttribute('aria-describedby', error.id);
      set.appendChild(error);
      var options = OP.el('div', 'grades');
      best.forEach(function (grade, g) {
        var input = document.createElement('input');
        input.type = 'radio';
        input.name = 'candidate-' + i;
        input.id = 'c' + i + 'g' + g;
        input.value = grade;
        input.addEventListener('change', function () {
          choice[i] = election.grades.length - 1 - g; // the grade's index, worst first
          OP.fieldError('cand-' + i);
          summary();
        });
        var label = OP.el('label', 'grade');
        label.htmlFor = input.id;
        label.appendChild(input);
        label.appendChild(OP.el('span', null, grade));
        options.appendChild(label);
      });
      set.appendChild(options);
      place.appendChild(set);
    });
    $('practice-result').hidden = true;
    $('ballot-summary').hidden = true;
  }

  function summary() {
    var list = $('ballot-summary-list');
    list.replaceChildren();
    var open = election.candidates.map(function (name, i) {
      return i;
    }).filter(function (i) {
      return !$('cand-' + i + '-error').hidden;
    });
    open.forEach(function (i) {
      var link = OP.el('a');
      link.href = '#cand-' + i;
      OP.say(link, 'missing', [election.candidates[i]]);
      link.addEventListener('click', function (event) {
        event.preventDefault();
        $('cand-' + i).querySelector('input').focus();
      });
      var item = OP.el('li');
      item.appendChild(link);
      list.appendChild(item);
    });
    $('ballot-summary').hidden = open.length === 0;
  }

  // ---------------------------------------------------------------- majority judgment, in the page

  /** Four imaginary ballots, the same on every visit: grade indices (worst first) per candidate. */
  function imaginary(candidate, voter) {
    var top = election.grades.length - 1;
    var pattern = [[3, 2, 4, 1], [2, 4, 3, 1], [1, 3, 2, 4], [4, 1, 2, 3], [2, 2, 3, 4]];
    return Math.min(top, Math.max(0, pattern[candidate % pattern.length][voter] - (top < 4 ? 4 - top : 0)));
  }

  function medianIndex(length) {
    return Math.floor((length - 1) / 2); // the lower median when the count is even
  }

  /** Compares two candidates' sorted grades: median first, then removing median grades one by one. */
  function compare(a, b) {
    var x = a.slice();
    var y = b.slice();
    var removed = 0;
    while (x.length > 0 && y.length > 0) {
      var mx = x[medianIndex(x.length)];
      var my = y[medianIndex(y.length)];
      if (mx !== my) {
        return { order: my - mx, removed: removed, x: mx, y: my };
      }
      x.splice(medianIndex(x.length), 1);
      y.splice(medianIndex(y.length), 1);
      removed++;
    }
    return { order: 0, removed: removed };
  }

  function count() {
    var rows = election.candidates.map(function (name, i) {
      var grades = [choice[i]];
      for (var v = 0; v < IMAGINARY; v++) {
        grades.push(imaginary(i, v));
      }
      grades.sort(function (p, q) {
        return p - q;
      });
      return { index: i, name: name, grades: grades, majority: grades[medianIndex(grades.length)] };
    });
    rows.sort(function (p, q) {
      return compare(p.grades, q.grades).order || p.index - q.index;
    });
    return rows;
  }

  function showResult() {
    var rows = count();
    var body = $('majority-rows');
    body.replaceChildren();
    var list = $('all-grades');
    list.replaceChildren();
    var rank = 0;
    rows.forEach(function (row, r) {
      if (r === 0 || compare(rows[r - 1].grades, row.grades).order !== 0) {
        rank = r + 1;
      }
      var tr = OP.el('tr');
      tr.appendChild(OP.el('td', 'number', String(rank)));
      var th = OP.el('th', null, row.name);
      th.scope = 'row';
      tr.appendChild(th);
      tr.appendChild(OP.el('td', 'majority-grade', election.grades[row.majority]));
      body.appendChild(tr);
      var m = medianIndex(row.grades.length);
      var item = OP.el('li');
      item.appendChild(OP.el('strong', null, row.name));
      OP.say(item.appendChild(OP.el('span')), 'gradesOf', [row.grades.map(function (g, k) {
        return k === m ? '[' + election.grades[g] + ']' : election.grades[g];
      }).join(', '), election.grades[choice[row.index]]]);
      list.appendChild(item);
    });
    var ties = $('ties');
    ties.replaceChildren();
    for (var r = 1; r < rows.length; r++) {
      var a = rows[r - 1];
      var b = rows[r];
      if (a.majority !== b.majority) {
        continue;
      }
      var c = compare(a.grades, b.grades);
      var p = OP.el('p', 'tie');
      if (c.order === 0) {
        OP.say(p, 'tieForGood', [a.name, b.name]);
      } else {
        OP.say(p, 'tie', [a.name, b.name, election.grades[a.majority], c.removed, election.grades[c.x],
          election.grades[c.y]]);
      }
      ties.appendChild(p);
    }
    $('practice-result').hidden = false;
    OP.focus($('result-heading'));
  }

  function submit(event) {
    event.preventDefault();
    var gaps = [];
    choice.forEach(function (grade, i) {
      OP.fieldError('cand-' + i);
      if (grade === null) {
        gaps.push(i);
      }
    });
    if (gaps.length > 0) {
      $('practice-result').hidden = true;
      gaps.forEach(function (i) {
        OP.fieldError('cand-' + i, 'missing', [election.candidates[i]]);
      });
      summary();
      return OP.focus($('ballot-summary'));
    }
    summary();
    showResult();
  }

  function pick(elections) {
    var wanted = OP.fragment().get('e');
    var usable = (elections || []).filter(function (e) {
      return e.candidates && e.candidates.length > 0 && e.grades && e.grades.length > 1;
    });
    var chosen = usable.filter(function (e) {
      return e.id === wanted;
    })[0] || usable.filter(function (e) {
      return e.state === 'REGISTRATION' || e.state === 'SEALED';
    })[0];
    if (chosen) {
      election = { title: chosen.title, candidates: chosen.candidates, grades: chosen.grades };
    }
    build();
  }

  $('ballot-form').addEventListener('submit', submit);
  $('again').addEventListener('click', function () {
    build();
    OP.focus($('ballot-heading'));
  });
  OP.start();
  OP.call('GET', 'api/elections').then(function (answer) {
    pick(answer.status === 200 && Array.isArray(answer.data) ? answer.data : []);
  });
}());
